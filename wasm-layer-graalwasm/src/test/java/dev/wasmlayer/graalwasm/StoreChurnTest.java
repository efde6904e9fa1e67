package dev.wasmlayer.graalwasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.Gc;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ValType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stores are polyglot Contexts: making, using and closing many must not keep them (or what their
 * guests held) alive, and compiling many modules must not keep their code. Measures the live heap
 * after full collections before and after; {@code -Ddev.wasmlayer.churn.stores=N} for a longer run.
 */
@Tag("slow") // depends on what the collector frees
@Timeout(value = 30, unit = TimeUnit.MINUTES) // the long form runs for minutes
class StoreChurnTest {
  private static final int STORES = Integer.getInteger("dev.wasmlayer.churn.stores", 3000);

  /**
   * A leaked Context with its instance costs tens of KiB; the check allows noise well below that.
   */
  private static final long LIMIT_BYTES_PER_STORE = 1024;

  @Test
  void closedStoresAndCompiledModulesAreFreed() throws InterruptedException {
    long perStore = bytesPerStore(null);
    assertTrue(
        perStore < LIMIT_BYTES_PER_STORE, "live heap grew by " + perStore + " bytes per store");
  }

  /**
   * The control: the same run keeping each store's 4 KiB externref alive must be caught by the same
   * check.
   */
  @Test
  void theCheckCatchesALeak() throws InterruptedException {
    List<Object> leak = new ArrayList<>();
    long perStore = bytesPerStore(leak);
    assertTrue(
        perStore >= LIMIT_BYTES_PER_STORE,
        "a 4 KiB/store leak measured only " + perStore + " bytes per store");
    assertEquals(STORES + STORES / 3, leak.size());
  }

  private static long bytesPerStore(List<Object> leak) throws InterruptedException {
    Imports imports =
        Imports.builder()
            .func("env", "i32", FuncType.of(ValType.I32, ValType.I32), (c, a) -> new Value[] {a[0]})
            .build();
    try (Engine engine = Engines.create(GraalWasmEngineProvider.ID, EngineConfig.defaults())) {
      byte[] wasm = Tck.wasm("refs");
      round(engine, wasm, imports, STORES / 3, leak); // warm-up: caches reach their steady state
      long before = liveHeap();
      round(engine, wasm, imports, STORES, leak);
      long after = liveHeap();
      long perStore = (after - before) / STORES;
      System.out.printf(
          "GraalWasm churn%s: %d stores and modules, live heap %d -> %d KiB (%d bytes/store)%n",
          leak == null ? "" : " (leaking control)", STORES, before >> 10, after >> 10, perStore);
      return perStore;
    }
  }

  private static void round(Engine engine, byte[] wasm, Imports imports, int n, List<Object> leak) {
    for (int i = 0; i < n; i++) {
      try (Module m = engine.compile(wasm);
          Store<Object> s = engine.newStore(null)) {
        Instance inst = s.instantiate(m, imports);
        Object held = new byte[4096];
        if (leak != null) {
          leak.add(held);
        }
        inst.global("gref").orElseThrow().set(Value.externRef(held));
        assertEquals(10, inst.func("double").orElseThrow().call(Value.i32(5))[0].i32());
      }
    }
  }

  private static long liveHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      Gc.collect(Duration.ofSeconds(10));
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
