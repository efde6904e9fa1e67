package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.Tck;
import org.junit.jupiter.api.Test;

/**
 * Stores nobody closes are freed by their Cleaner. wasmtime reserves 4 GiB of address space per linear memory by
 * default, so 40,000 forgotten stores would need 160 TiB, more than a 47-bit address space holds: this passes only
 * because a failed reservation lets the collector free forgotten stores first. A small reservation avoids the issue.
 */
class GcOnlyTest {
  private static void forget(EngineConfig config, int stores) {
    try (Engine engine = Engines.create(WasmtimeEngineProvider.ID, config);
        Module module = engine.compile(Tck.wasm("memory"))) {
      for (int n = 0; n < stores; n++) {
        Store<Void> s = engine.newStore(null); // never closed
        assertEquals(1, s.instantiate(module).func("size").orElseThrow().call()[0].i32());
      }
    }
  }

  @Test
  void forgottenStoresDoNotExhaustAddressSpace() {
    forget(EngineConfig.defaults(), 40_000);
  }

  @Test
  void forgottenStoresWithHostFunctionsAndInterruptionAreCollected() throws InterruptedException {
    EngineConfig config = EngineConfig.builder().interruption(true).build();
    try (Engine engine = Engines.create(WasmtimeEngineProvider.ID, config);
        Module module = engine.compile(Tck.wasm("refs_host"))) {
      dev.wasmlayer.Imports imports = dev.wasmlayer.Imports.builder()
          .func("env", "make", dev.wasmlayer.types.FuncType.of(dev.wasmlayer.types.ValType.I32,
              dev.wasmlayer.types.ValType.EXTERNREF), (c, a) -> new Value[] {Value.externRef(a[0].i32())})
          .func("env", "describe", dev.wasmlayer.types.FuncType.of(dev.wasmlayer.types.ValType.EXTERNREF,
              dev.wasmlayer.types.ValType.I32), (c, a) -> new Value[] {a[0].externRef().map(o -> Value.i32((Integer) o))
              .orElse(Value.i32(-1))})
          .build();
      for (int n = 0; n < 20_000; n++) {
        Store<Void> s = engine.newStore(null); // never closed
        assertEquals(n, s.instantiate(module, imports).func("round_trip").orElseThrow().call(Value.i32(n))[0].i32());
      }
      for (int n = 0; n < 250 && HostCallbacks.liveFunctions() > 1_000; n++) { // up to ~10 s on a loaded machine
        System.gc();
        Thread.sleep(40);
      }
      org.junit.jupiter.api.Assertions.assertTrue(HostCallbacks.liveFunctions() <= 1_000,
          "forgotten stores keep their host functions alive: " + HostCallbacks.liveFunctions());
    }
  }

  @Test
  void aSmallReservationIsAnOption() {
    forget(EngineConfig.builder().option("wasmtime.memoryReservation", Long.toString(1 << 20)).build(), 5_000);
    Engine e = Engines.create(WasmtimeEngineProvider.ID,
        EngineConfig.builder().option("wasmtime.memoryReservation", Long.toString(1 << 20)).build());
    try (e; Store<Void> s = e.newStore(null)) {
      var i = s.instantiate(e.compile(Tck.wasm("memory")));
      assertEquals(1, i.func("grow").orElseThrow().call(Value.i32(3))[0].i32(), "growth past the reservation moves it");
      assertEquals(4, i.memory("memory").orElseThrow().pages());
    }
  }
}
