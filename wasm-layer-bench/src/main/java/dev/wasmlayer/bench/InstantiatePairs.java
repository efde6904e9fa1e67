package dev.wasmlayer.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link InstantiateBench}'s operations in alternating rounds in one JVM, so that on a shared
 * machine the layer and the engine used directly see the same load: per target, the minimum and
 * median of the round means. Run: {@code java --enable-native-access=ALL-UNNAMED -cp benchmarks.jar
 * dev.wasmlayer.bench.InstantiatePairs [targets]} (targets as {@link InstantiateBench#target}; all
 * of them by default).
 */
public final class InstantiatePairs {
  private static final int WARMUP_ROUNDS = 2;
  private static final int ROUNDS = 12;
  private static final int PER_ROUND = 5000;
  private static long sink;

  private InstantiatePairs() {}

  /** Prints one line per target and operation. */
  public static void main(String[] args) {
    List<String> targets =
        args.length > 0 ? List.of(args) : List.of("wasmtime", "wasmtime-pooling", "chicory");
    List<InstantiateBench> benches = new ArrayList<>();
    for (String t : targets) {
      InstantiateBench b = new InstantiateBench();
      b.target = t;
      b.setUp();
      benches.add(b);
    }
    Map<String, List<Double>> means = new TreeMap<>();
    for (int r = 0; r < ROUNDS; r++) {
      for (InstantiateBench b : benches) {
        round(means, r, b.target + " direct", b::direct);
        round(means, r, b.target + " layer", () -> sink += b.layer().hashCode());
        round(means, r, b.target + " layerFirstCall", () -> sink += b.layerFirstCall());
      }
    }
    means.forEach(
        (name, v) -> {
          double[] sorted = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          System.out.printf(
              "%-32s min %8.1f  median %8.1f us/op%n", name, sorted[0], sorted[sorted.length / 2]);
        });
    benches.forEach(InstantiateBench::tearDown);
    System.out.println(
        "(sink "
            + sink
            + ", "
            + Arrays.toString(new int[] {ROUNDS - WARMUP_ROUNDS, PER_ROUND})
            + " rounds x operations)");
  }

  private static void round(Map<String, List<Double>> means, int r, String name, Runnable op) {
    long t0 = System.nanoTime();
    for (int i = 0; i < PER_ROUND; i++) {
      op.run();
    }
    if (r >= WARMUP_ROUNDS) {
      means
          .computeIfAbsent(name, k -> new ArrayList<>())
          .add((System.nanoTime() - t0) / 1e3 / PER_ROUND);
    }
  }
}
