package dev.wasmlayer.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.tck.support.ComponentText;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Nested components, instances passed between them, outer aliases, and the store's limits. */
@Timeout(60)
class ComponentLinkingTest {
  private Engine engine;

  @BeforeEach
  void setUp() {
    engine = Engines.create("chicory", EngineConfig.defaults());
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  @Test
  void nestedInstancesCallEachOther() {
    AtomicInteger hostCalls = new AtomicInteger();
    ComponentImports imports =
        ComponentImports.builder()
            .func(
                "host",
                "double",
                WitFuncType.of(WitPrimitive.U32, WitFuncType.param("x", WitPrimitive.U32)),
                args -> {
                  hostCalls.incrementAndGet();
                  return (Integer) args[0] * 2;
                })
            .build();
    try (Component c = engine.compileComponent(ComponentText.load("nested"));
        Store<Void> store = engine.newStore(null)) {
      assertEquals(List.of("host"), c.imports());
      assertEquals(List.of("quad", "times16", "via-outer", "inner"), c.exports());
      ComponentInstance i = store.instantiate(c, imports);
      assertEquals(12, i.func("quad").orElseThrow().call(3));
      assertEquals(16, i.func("times16").orElseThrow().call(1));
      assertEquals(8, i.func("via-outer").orElseThrow().call(2));
      assertEquals(32, i.func("inner", "quad").orElseThrow().call(2));
      assertEquals(2 + 4 + 2 + 4, hostCalls.get());
    }
  }

  @Test
  void aDeadlineStopsASpinningComponent() {
    try (Component c = engine.compileComponent(ComponentText.load("spin"));
        Store<Void> store =
            engine.newStore(null, StoreConfig.builder().deadline(Duration.ofMillis(200)).build())) {
      ComponentInstance i = store.instantiate(c, ComponentImports.empty());
      TrapException t =
          assertThrows(TrapException.class, () -> i.func("spin").orElseThrow().call());
      assertEquals(TrapKind.INTERRUPTED, t.kind());
    }
  }

  @Test
  void aClosedStoreRefusesCalls() {
    try (Component c = engine.compileComponent(ComponentText.load("spin"))) {
      Store<Void> store = engine.newStore(null);
      ComponentInstance i = store.instantiate(c, ComponentImports.empty());
      store.close();
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> i.func("spin").orElseThrow().call());
      assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
  }

  @Test
  void aClosedComponentCannotBeInstantiated() {
    Component c = engine.compileComponent(ComponentText.load("spin"));
    c.close();
    c.close();
    try (Store<Void> store = engine.newStore(null)) {
      assertThrows(
          IllegalStateException.class, () -> store.instantiate(c, ComponentImports.empty()));
    }
  }

  @Test
  void oneComponentInstantiatesInManyStores() {
    try (Component c = engine.compileComponent(ComponentText.load("resources"))) {
      for (int n = 0; n < 3; n++) {
        try (Store<Void> store = engine.newStore(null)) {
          assertThrows(
              dev.wasmlayer.LinkException.class,
              () -> store.instantiate(c, ComponentImports.empty()));
        }
      }
      try (Component spin = engine.compileComponent(ComponentText.load("spin"));
          Store<Void> a = engine.newStore(null);
          Store<Void> b = engine.newStore(null)) {
        assertTrue(a.instantiate(spin, ComponentImports.empty()).func("spin").isPresent());
        assertTrue(b.instantiate(spin, ComponentImports.empty()).func("spin").isPresent());
      }
    }
  }
}
