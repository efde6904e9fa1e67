package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.component.BorrowType;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.tck.support.Components;
import dev.wasmlayer.wasi.WasiConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WASI 0.2 for typed components, from the store's WASI config (clock.wat). */
@Timeout(60)
class ComponentWasiTest {
  private Engine engine;
  private Component clock;

  @BeforeEach
  void setUp() {
    engine = Engines.create(WasmtimeEngineProvider.ID, EngineConfig.defaults());
    clock = engine.compileComponent(ComponentTexts.read("clock"));
  }

  @AfterEach
  void tearDown() {
    clock.close();
    engine.close();
  }

  @Test
  void wasiServesTheImports() {
    try (Store<Void> store =
        engine.newStore(null, StoreConfig.builder().wasi(WasiConfig.builder().build()).build())) {
      ComponentInstance i = store.instantiate(clock, ComponentImports.builder().wasi().build());
      long a = (Long) i.func("now").orElseThrow().call();
      long b = (Long) i.func("now").orElseThrow().call();
      assertTrue(Long.compareUnsigned(a, b) <= 0, a + " then " + b);
      long r1 = (Long) i.func("rand").orElseThrow().call();
      long r2 = (Long) i.func("rand").orElseThrow().call();
      assertTrue(r1 != r2 || r1 != (Long) i.func("rand").orElseThrow().call());
    }
  }

  /** The TCK's C command (jco's WASI adapter inside): every WASI 0.2 interface it imports reads. */
  @Test
  void readsTheTypesOfARealWasiCommand() {
    Optional<Path> dir = Components.locate();
    if (dir.isEmpty()) {
      String why = "no built components: " + Components.searched();
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(why);
      }
      Assumptions.abort(why);
    }
    try (Component command = engine.compileComponent(Components.read(dir.get(), "command"))) {
      Map<String, ComponentItem> imports = command.importTypes();
      assertTrue(
          imports.keySet().stream().anyMatch(n -> n.startsWith("wasi:io/streams@")),
          imports.keySet().toString());
      ComponentItem.Interface streams =
          (ComponentItem.Interface)
              imports.entrySet().stream()
                  .filter(e -> e.getKey().startsWith("wasi:io/streams@"))
                  .findFirst()
                  .orElseThrow()
                  .getValue();
      ComponentItem.Resource out = (ComponentItem.Resource) streams.items().get("output-stream");
      assertTrue(out.type().isHost(), "an imported resource is the host's");
      WitFuncType write =
          ((ComponentItem.Function)
                  streams.items().get("[method]output-stream.blocking-write-and-flush"))
              .type();
      assertEquals(new BorrowType(out.type()), write.params().get(0).type());
      assertEquals(List.of("wasi:cli/run@0.2.12"), List.copyOf(command.exportTypes().keySet()));
    }
  }

  @Test
  void withoutWasiTheImportIsMissing() {
    try (Store<Void> store =
        engine.newStore(null, StoreConfig.builder().wasi(WasiConfig.builder().build()).build())) {
      LinkException e =
          assertThrows(
              LinkException.class, () -> store.instantiate(clock, ComponentImports.empty()));
      assertTrue(e.getMessage().contains("wasi:clocks/monotonic-clock@0.2.0"), e.getMessage());
    }
  }

  @Test
  void wasiNeedsAWasiConfig() {
    try (Store<Void> store = engine.newStore(null)) {
      LinkException e =
          assertThrows(
              LinkException.class,
              () -> store.instantiate(clock, ComponentImports.builder().wasi().build()));
      assertTrue(e.getMessage().contains("WASI config"), e.getMessage());
    }
  }
}
