package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ValType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Native memory does not grow with the number of stores made and closed: create, instantiate (host
 * functions and externrefs included), call and close stores, and fit a line through resident memory
 * over {@code -Ddev.wasmlayer.soak.stores} stores (30,000 in CI; 200,000+ for the long form) that
 * follow as many warm-up stores (the JIT, malloc arenas and the Cleaner's lag settle during those).
 * A control run that leaks 8 KiB of native memory per store must be caught by the same check, so
 * the check can fail. The heap is fixed and pre-touched (see the pom), so Java heap growth is not
 * counted.
 */
@Tag("slow") // tens of seconds: the slow group, which CI runs in a stage of its own
@Timeout(value = 30, unit = TimeUnit.MINUTES) // the long form runs for minutes
class SoakTest {
  private static final int STORES = Integer.getInteger("dev.wasmlayer.soak.stores", 30_000);

  /** Growth over the run, projected from the trend, that counts as a leak. */
  private static final long LIMIT = 48L << 20;

  private static final Path STATUS = Paths.get("/proc/self/status");

  @Test
  void nativeMemoryHasNoGrowthTrend() throws IOException {
    assumeTrue(
        Files.isReadable(STATUS),
        "resident memory is read from /proc/self/status, which only Linux has");
    try (Engine engine = Engines.create(WasmtimeEngineProvider.ID, EngineConfig.defaults());
        Module refs = engine.compile(Tck.wasm("refs_host"))) {
      long clean = projectedGrowth(engine, refs, false);
      long leaky = projectedGrowth(engine, refs, true);
      System.out.printf(
          "wasm-layer soak on wasmtime: %d stores, projected RSS growth %.1f MiB (leaking control: %.1f MiB)%n",
          STORES, clean / 1048576.0, leaky / 1048576.0);
      assertTrue(
          clean < LIMIT, "RSS grows with stores: " + clean / 1048576 + " MiB over " + STORES);
      assertTrue(
          leaky > LIMIT,
          "the check missed a deliberate leak of 8 KiB per store: " + leaky / 1048576 + " MiB");
    }
  }

  /** Runs the loop and returns the least-squares RSS slope times the number of stores. */
  private static long projectedGrowth(Engine engine, Module module, boolean leak)
      throws IOException {
    List<Memory> leaked = new ArrayList<>();
    List<double[]> samples = new ArrayList<>();
    Imports imports =
        Imports.builder()
            .func(
                "env",
                "make",
                FuncType.of(ValType.I32, ValType.EXTERNREF),
                (c, a) -> new Value[] {Value.externRef(new int[] {a[0].i32()})})
            .func(
                "env",
                "describe",
                FuncType.of(ValType.EXTERNREF, ValType.I32),
                (c, a) -> new Value[] {Value.i32(((int[]) a[0].externRef().orElseThrow())[0])})
            .build();
    int warmup = STORES;
    for (int n = 0; n < STORES + warmup; n++) {
      try (Store<Void> s = engine.newStore(null)) {
        Instance i = s.instantiate(module, imports);
        assertEquals(n, i.func("round_trip").orElseThrow().call(Value.i32(n))[0].i32());
      }
      if (leak) {
        Memory m = new Memory(8192);
        m.clear();
        leaked.add(m);
      }
      if (n >= warmup && (n - warmup) % (STORES / 20) == 0) {
        samples.add(new double[] {n - warmup, rss()});
      }
    }
    assertEquals(
        leak ? STORES + warmup : 0,
        leaked.size(),
        "the control leaks once per store, the real run never");
    double mx = samples.stream().mapToDouble(p -> p[0]).average().orElse(0);
    double my = samples.stream().mapToDouble(p -> p[1]).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    for (double[] p : samples) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
    }
    return (long) (sxy / sxx * STORES);
  }

  private static long rss() throws IOException {
    for (String line : Files.readAllLines(STATUS)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS line in " + STATUS);
  }
}
