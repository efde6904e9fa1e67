package dev.wasmlayer.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Store;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.tck.support.ComponentText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** Components on Chicory through the Java component model: parsing, linking and calls. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class ComponentBasicsTest {
  private Engine engine;

  @BeforeAll
  void engine() {
    engine = Engines.create("chicory", EngineConfig.defaults());
  }

  @AfterAll
  void close() {
    engine.close();
  }

  private static final WitFuncType LOG =
      WitFuncType.of(null, WitFuncType.param("msg", WitPrimitive.STRING));

  @Test
  void importsAndExportsHaveWitTypes() {
    try (Component c = engine.compileComponent(ComponentText.load("basics"))) {
      assertEquals(List.of("host"), c.imports());
      assertEquals(List.of("add", "example:demo/api"), c.exports());
      ComponentItem.Interface host = (ComponentItem.Interface) c.importTypes().get("host");
      assertEquals(new ComponentItem.Function(LOG), host.items().get("log"));
      ComponentItem.Function add = (ComponentItem.Function) c.exportTypes().get("add");
      assertEquals("func(a: u32, b: u32) -> u32", add.type().toString());
    }
  }

  @Test
  void callsGoBothWays() {
    List<String> logged = new ArrayList<>();
    ComponentImports imports =
        ComponentImports.builder()
            .func(
                "host",
                "log",
                LOG,
                args -> {
                  logged.add((String) args[0]);
                  return null;
                })
            .build();
    try (Component c = engine.compileComponent(ComponentText.load("basics"));
        Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(c, imports);
      assertEquals(-1, i.func("add").orElseThrow().call(-2, 1));
      i.func("example:demo/api", "greet").orElseThrow().call("héllo wörld");
      assertEquals(List.of("héllo wörld"), logged);
    }
  }

  @Test
  void aHostFunctionCannotReenterTheInstance() {
    ComponentInstance[] self = new ComponentInstance[1];
    ComponentImports imports =
        ComponentImports.builder()
            .func("host", "log", LOG, args -> self[0].func("add").orElseThrow().call(1, 2))
            .build();
    try (Component c = engine.compileComponent(ComponentText.load("basics"));
        Store<Void> store = engine.newStore(null)) {
      self[0] = store.instantiate(c, imports);
      TrapException t =
          assertThrows(
              TrapException.class,
              () -> self[0].func("example:demo/api", "greet").orElseThrow().call("x"));
      assertTrue(t.getMessage().contains("reenter"), t.getMessage());
      assertEquals(3, self[0].func("add").orElseThrow().call(1, 2), "usable after the trap");
    }
  }

  @Test
  void aMissingImportIsNamed() {
    try (Component c = engine.compileComponent(ComponentText.load("basics"));
        Store<Void> store = engine.newStore(null)) {
      LinkException e =
          assertThrows(LinkException.class, () -> store.instantiate(c, ComponentImports.empty()));
      assertTrue(e.getMessage().contains("host#log"), e.getMessage());
    }
  }

  @Test
  void aHostFunctionOfTheWrongTypeIsRefused() {
    ComponentImports imports =
        ComponentImports.builder()
            .func(
                "host",
                "log",
                WitFuncType.of(null, WitFuncType.param("n", WitPrimitive.U32)),
                args -> null)
            .build();
    try (Component c = engine.compileComponent(ComponentText.load("basics"));
        Store<Void> store = engine.newStore(null)) {
      LinkException e = assertThrows(LinkException.class, () -> store.instantiate(c, imports));
      assertTrue(e.getMessage().contains("host#log"), e.getMessage());
    }
  }

  @Test
  void wrongArgumentsAreRefused() {
    ComponentImports imports =
        ComponentImports.builder().func("host", "log", LOG, args -> null).build();
    try (Component c = engine.compileComponent(ComponentText.load("basics"));
        Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(c, imports);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> i.func("add").orElseThrow().call("x", 1));
      assertTrue(e.getMessage().contains("parameter a"), e.getMessage());
      assertInstanceOf(
          IllegalArgumentException.class,
          assertThrows(IllegalArgumentException.class, () -> i.func("add").orElseThrow().call(1)));
    }
  }
}
