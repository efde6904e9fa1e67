package dev.wasmlayer.bench;

import dev.wasmlayer.EngineConfig;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * What wasmtime's default epoch interruption costs, measured in pairs: in one JVM, the same
 * workload runs on an engine with interruption (the default) and on one without, in alternating
 * short rounds, and the median of the per-pair ratios is reported. On a shared machine whose load
 * drifts, pairs taken moments apart cancel most of the drift that separate JMH runs of the two
 * targets cannot. Run: {@code java -cp benchmarks.jar dev.wasmlayer.bench.EpochPairs}.
 */
public final class EpochPairs {
  private static final int WARMUP_ROUNDS = 50;
  private static int rounds = 600;
  private static long sink;

  private EpochPairs() {}

  /**
   * Prints one line per compute workload: median ns/op with and without epochs, the median ratio
   * with its 95% confidence interval and the ratios' interquartile range. The one optional argument
   * is the number of pairs per workload (600).
   */
  public static void main(String[] args) {
    if (args.length > 0) {
      rounds = Integer.parseInt(args[0]);
    }
    try (Workload epoch = new LayerWorkload("wasmtime");
        Workload none =
            new LayerWorkload("wasmtime", EngineConfig.builder().interruption(false).build())) {
      report("fib20", epoch, none, w -> w.fib(20), 200);
      report("xorshift10k", epoch, none, w -> w.xorshift(10_000, 88172645463325252L), 500);
      report("fnv64k", epoch, none, w -> w.fnv1a(64 * 1024), 100);
    }
    System.out.println("(sink " + sink + ")");
  }

  private static void report(
      String name, Workload epoch, Workload none, ToLongFunction<Workload> op, int perRound) {
    double[] on = new double[rounds];
    double[] off = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = -WARMUP_ROUNDS; r < rounds; r++) {
      boolean epochFirst = (r & 1) == 0; // alternate the order, so neither side always runs second
      double a = epochFirst ? round(epoch, op, perRound) : 0;
      double b = round(none, op, perRound);
      if (!epochFirst) {
        a = round(epoch, op, perRound);
      }
      if (r >= 0) {
        on[r] = a;
        off[r] = b;
        ratio[r] = a / b;
      }
    }
    Arrays.sort(on);
    Arrays.sort(off);
    Arrays.sort(ratio);
    // a 95% confidence interval of the median from order statistics: ranks n/2 -+ 1.96 sqrt(n)/2
    int half = (int) Math.ceil(1.96 * Math.sqrt(rounds) / 2);
    System.out.printf(
        "%-12s epoch %,10.0f ns/op  no-epoch %,10.0f ns/op  ratio %.3f (95%% CI %.3f-%.3f; IQR %.3f-%.3f;"
            + " %d pairs)%n",
        name,
        on[rounds / 2],
        off[rounds / 2],
        ratio[rounds / 2],
        ratio[rounds / 2 - half],
        ratio[Math.min(rounds - 1, rounds / 2 + half)],
        ratio[rounds / 4],
        ratio[3 * rounds / 4],
        rounds);
  }

  /** Nanoseconds per operation over {@code n} operations. */
  private static double round(Workload w, ToLongFunction<Workload> op, int n) {
    long t0 = System.nanoTime();
    long acc = 0;
    for (int i = 0; i < n; i++) {
      acc += op.applyAsLong(w);
    }
    sink += acc;
    return (System.nanoTime() - t0) / (double) n;
  }
}
