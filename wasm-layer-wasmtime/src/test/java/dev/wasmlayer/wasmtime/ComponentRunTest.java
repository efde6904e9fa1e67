package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.wasi.Wasi;
import dev.wasmlayer.wasi.WasiConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Command components on wasmtime, written as component text (the TCK runs real WASI 0.2 programs
 * built from C): the run export's ok and error, deadlines, closing, and what is refused.
 */
@Timeout(60)
class ComponentRunTest {
  /** A command whose run returns ok or err, or spins, as {@code $body} says. */
  private static String command(String body) {
    return """
        (component
          (core module $m (func (export "run") (result i32) %s))
          (core instance $i (instantiate $m))
          (func $run (result (result)) (canon lift (core func $i "run")))
          (instance $r (export "run" (func $run)))
          (export "wasi:cli/run@0.2.0" (instance $r)))
        """
        .formatted(body);
  }

  private Engine engine;

  @BeforeEach
  void setUp() {
    engine =
        Engines.create(
            WasmtimeEngineProvider.ID, EngineConfig.builder().interruption(true).build());
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private Component compile(String text) {
    return engine.compileComponent(text.getBytes(StandardCharsets.UTF_8));
  }

  private Store<Void> wasiStore() {
    return engine.newStore(null, StoreConfig.builder().wasi(WasiConfig.builder().build()).build());
  }

  @Test
  void runsOkAndErrorAsExitCodes() {
    try (Component ok = compile(command("i32.const 0"));
        Component err = compile(command("i32.const 1"));
        Store<Void> store = wasiStore()) {
      assertEquals(java.util.List.of("wasi:cli/run@0.2.0"), ok.exports());
      assertTrue(ok.imports().isEmpty());
      assertEquals(0, Wasi.run(store, ok));
      assertEquals(1, Wasi.run(store, err));
      assertEquals(0, Wasi.run(store, ok), "a store runs several components");
    }
  }

  @Test
  void theStoresMemoryCapBoundsAComponentsMemory() {
    // ok (0) when growing by 100 pages (6.25 MiB) past a 1 MiB cap is refused, err (1) otherwise
    String grow =
        """
        (component
          (core module $m
            (memory 1)
            (func (export "run") (result i32)
              (i32.ne (memory.grow (i32.const 100)) (i32.const -1))))
          (core instance $i (instantiate $m))
          (func $run (result (result)) (canon lift (core func $i "run")))
          (instance $r (export "run" (func $run)))
          (export "wasi:cli/run@0.2.0" (instance $r)))
        """;
    try (Component c = compile(grow);
        Store<Void> capped =
            engine.newStore(
                null,
                StoreConfig.builder()
                    .wasi(WasiConfig.builder().build())
                    .maxMemoryBytes(1 << 20)
                    .build());
        Store<Void> free = wasiStore()) {
      assertEquals(0, Wasi.run(capped, c), "the grow past the cap is refused");
      assertEquals(1, Wasi.run(free, c), "without a cap the same grow succeeds");
    }
  }

  @Test
  void aDeadlineStopsASpinningComponent() {
    try (Component spin = compile(command("(loop $l (br $l)) i32.const 0"));
        Store<Void> store =
            engine.newStore(
                null,
                StoreConfig.builder()
                    .wasi(WasiConfig.builder().build())
                    .deadline(Duration.ofMillis(200))
                    .build())) {
      TrapException t = assertThrows(TrapException.class, () -> Wasi.run(store, spin));
      assertEquals(TrapKind.INTERRUPTED, t.kind());
    }
  }

  @Test
  void whatIsNotARunnableCommandIsRefusedByType() {
    String noRun = "(component (core module $m) (core instance $i (instantiate $m)))";
    try (Component c = compile(noRun);
        Store<Void> store = wasiStore()) {
      assertThrows(LinkException.class, () -> Wasi.run(store, c));
    }
    assertThrows(
        CompileException.class,
        () -> engine.compileComponent("(module)".getBytes(StandardCharsets.UTF_8)));
    assertThrows(CompileException.class, () -> engine.compileComponent(new byte[] {1, 2, 3}));
    byte[] component = binary(command("i32.const 0"));
    CompileException e = assertThrows(CompileException.class, () -> engine.compile(component));
    assertTrue(e.getMessage().contains("compileComponent"), e.getMessage());
    try (Component c = compile(command("i32.const 0"));
        Store<Void> store =
            engine.newStore(
                null,
                StoreConfig.builder()
                    .wasi(WasiConfig.builder().stdin(new ByteArrayInputStream(new byte[0])).build())
                    .build())) {
      assertThrows(UnsupportedFeatureException.class, () -> Wasi.run(store, c));
    }
  }

  @Test
  void aClosedComponentOrStoreIsRefused() {
    Component c = compile(command("i32.const 0"));
    Store<Void> store = wasiStore();
    c.close();
    c.close();
    assertThrows(IllegalStateException.class, () -> Wasi.run(store, c));
    store.close();
    try (Component d = compile(command("i32.const 0"))) {
      assertThrows(IllegalStateException.class, () -> Wasi.run(store, d));
    }
  }

  private byte[] binary(String text) {
    return ((WasmtimeEngine) engine).binary(text.getBytes(StandardCharsets.UTF_8));
  }
}
