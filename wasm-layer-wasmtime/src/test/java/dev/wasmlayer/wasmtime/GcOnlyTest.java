package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.Gc;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ValType;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stores nobody closes are freed by their Cleaner. Each holds wasmtime's address-space reservation
 * for its memories (4 GiB by default) until then, and running out is a LimitException at once
 * ({@link AddressSpaceTest}), so these forget stores with a small reservation.
 */
class GcOnlyTest {
  private static final EngineConfig SMALL =
      EngineConfig.builder().option("wasmtime.memoryReservation", Long.toString(1 << 20)).build();

  /** Depends on when the collector runs: in the {@code slow} group. */
  @Test
  @Tag("slow")
  void forgottenStoresWithHostFunctionsAndInterruptionAreCollected() throws InterruptedException {
    EngineConfig config = SMALL.toBuilder().interruption(true).build();
    try (Engine engine = Engines.create(WasmtimeEngineProvider.ID, config);
        Module module = engine.compile(Tck.wasm("refs_host"))) {
      Imports imports =
          Imports.builder()
              .func(
                  "env",
                  "make",
                  FuncType.of(ValType.I32, ValType.EXTERNREF),
                  (c, a) -> new Value[] {Value.externRef(a[0].i32())})
              .func(
                  "env",
                  "describe",
                  FuncType.of(ValType.EXTERNREF, ValType.I32),
                  (c, a) ->
                      new Value[] {
                        a[0].externRef().map(o -> Value.i32((Integer) o)).orElse(Value.i32(-1))
                      })
              .build();
      for (int n = 0; n < 20_000; n++) {
        Store<Void> s = engine.newStore(null); // never closed
        assertEquals(
            n,
            s.instantiate(module, imports)
                .func("round_trip")
                .orElseThrow()
                .call(Value.i32(n))[0]
                .i32());
      }
      boolean freed =
          Gc.collectUntil(() -> HostCallbacks.liveFunctions() <= 1_000, Duration.ofSeconds(30));
      assertTrue(
          freed,
          "forgotten stores keep their host functions alive: " + HostCallbacks.liveFunctions());
    }
  }

  @Test
  void aSmallReservationIsAnOption() {
    try (Engine engine = Engines.create(WasmtimeEngineProvider.ID, SMALL);
        Module module = engine.compile(Tck.wasm("memory"))) {
      for (int n = 0; n < 5_000; n++) {
        Store<Void> s =
            engine.newStore(
                null); // never closed: holds 1 MiB of address space until its Cleaner runs
        assertEquals(1, s.instantiate(module).func("size").orElseThrow().call()[0].i32());
      }
      try (Store<Void> s = engine.newStore(null)) {
        var i = s.instantiate(module);
        assertEquals(
            1,
            i.func("grow").orElseThrow().call(Value.i32(3))[0].i32(),
            "growth past the reservation moves it");
        assertEquals(4, i.memory("memory").orElseThrow().pages());
      }
    }
  }
}
