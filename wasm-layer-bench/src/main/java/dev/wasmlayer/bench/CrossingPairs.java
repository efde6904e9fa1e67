package dev.wasmlayer.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one crossing of the layer costs over the same engine used directly, measured in pairs: the
 * layer's fastest public path ({@link LayerWorkload}: typed views, raw host functions) and the
 * engine's own API ({@code *Direct}) run the same loop in alternating short rounds in one JVM after
 * warm-up, so the load drift of a shared machine cancels. Per workload it prints the median ns per
 * op of each side, the median of the per-pair differences per crossing and its 95% confidence
 * interval (order statistics of the paired differences, distribution-free).
 *
 * <p>Run: {@code java -Xss16m --enable-native-access=ALL-UNNAMED -cp benchmarks.jar
 * dev.wasmlayer.bench.CrossingPairs chicory,wasmtime 2000} (engines, pairs per workload). With
 * several engines each runs in a JVM of its own with the same flags, so no engine's classes change
 * how another's calls are compiled.
 */
public final class CrossingPairs {
  private static final int HOST_LOOP = 100;

  /**
   * Warm-up per workload, seconds: {@code -Dcrossings.warmup=8} (a loaded 2-core machine compiles
   * slowly).
   */
  private static final long WARM_UP_NANOS =
      (long) (Double.parseDouble(System.getProperty("crossings.warmup", "8")) * 1e9);

  private static long sink;

  private CrossingPairs() {}

  /** One workload: its name, the ops per round, and the crossings one op makes. */
  private record Op(String name, int perRound, int crossings) {}

  /**
   * Host loop first, add_one last: the view and call-gate code they share is then compiled long
   * before the lightest workload is measured (on a loaded 2-core machine C2 can take longer than
   * one workload's warm-up).
   */
  private static final List<Op> OPS =
      List.of(
          new Op("hostLoop", 10, HOST_LOOP), // reported per host call
          new Op("hostRoundTrip", 500, 2), // Java -> wasm, wasm -> host
          new Op("addOne", 1000, 1));

  public static void main(String[] args) throws IOException, InterruptedException {
    String[] engines = (args.length > 0 ? args[0] : "chicory,wasmtime").split(",");
    int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    if (engines.length > 1) {
      for (String e : engines) {
        fork(e, pairs);
      }
      return;
    }
    String engine = engines[0];
    System.out.printf(
        "%s on JDK %s, %s; %d pairs per workload, load %.2f%n",
        engine,
        Runtime.version(),
        engine.equals("wasmtime") ? wasmtimeBinding() : "",
        pairs,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    try (Workload layer = new LayerWorkload(engine);
        Workload direct = direct(engine)) {
      for (Op op :
          OPS) { // every workload warm before any is measured: they share the layer's call code
        warmUp(op, layer, direct);
      }
      for (Op op : OPS) {
        report(op, layer, direct, pairs);
      }
    }
    System.out.println("(sink " + sink + ")");
  }

  private static String wasmtimeBinding() {
    return Runtime.version().feature() >= 22
            && !"false".equals(System.getProperty("dev.wasmlayer.wasmtime.ffm"))
        ? "FFM"
        : "JNA";
  }

  private static Workload direct(String engine) {
    return switch (engine) {
      case "chicory" -> new ChicoryDirect();
      case "wasmtime" -> WasmtimeDirect.sameTechnologyAsTheLayer();
      case "graalwasm" -> new GraalWasmDirect();
      default -> throw new IllegalArgumentException("no direct baseline for engine " + engine);
    };
  }

  /** Runs one engine in a child JVM with this JVM's flags and class path. */
  private static void fork(String engine, int pairs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CrossingPairs.class.getName());
    cmd.add(engine);
    cmd.add(Integer.toString(pairs));
    int rc = new ProcessBuilder(cmd).inheritIO().start().waitFor();
    if (rc != 0) {
      System.out.println(engine + ": exited with " + rc);
    }
  }

  private static void report(Op op, Workload layer, Workload direct, int pairs) {
    warmUp(op, layer, direct);
    double[] l = new double[pairs];
    double[] d = new double[pairs];
    double[] diff = new double[pairs];
    for (int r = 0; r < pairs; r++) {
      boolean layerFirst = (r & 1) == 0; // alternate, so neither side always runs second
      double a = layerFirst ? round(layer, op, true) : 0;
      double b = round(direct, op, false);
      if (!layerFirst) {
        a = round(layer, op, true);
      }
      l[r] = a;
      d[r] = b;
      diff[r] = (a - b) / op.crossings();
    }
    Arrays.sort(l);
    Arrays.sort(d);
    Arrays.sort(diff);
    int half =
        (int)
            Math.ceil(1.96 * Math.sqrt(pairs) / 2); // ranks n/2 -+ 1.96 sqrt(n)/2 bound the median
    int lo = Math.max(0, pairs / 2 - half);
    int hi = Math.min(pairs - 1, pairs / 2 + half);
    String unit = op.crossings() == HOST_LOOP ? "ns/host call" : "ns/op";
    double scale = op.crossings() == HOST_LOOP ? HOST_LOOP : 1;
    System.out.printf(
        "  %-14s layer %9.1f  direct %9.1f %-12s  per crossing %+7.1f ns (95%% CI %+.1f..%+.1f)%n",
        op.name(),
        l[pairs / 2] / scale,
        d[pairs / 2] / scale,
        unit,
        diff[pairs / 2],
        diff[lo],
        diff[hi]);
  }

  /**
   * Unmeasured rounds of both sides for {@link #WARM_UP_NANOS} and at least 500 rounds, until both
   * are compiled.
   */
  private static void warmUp(Op op, Workload layer, Workload direct) {
    long end = System.nanoTime() + WARM_UP_NANOS;
    for (int r = 0; r < 500 || System.nanoTime() < end; r++) {
      round(layer, op, true);
      round(direct, op, false);
    }
  }

  /** Nanoseconds per op over one round. */
  private static double round(Workload w, Op op, boolean layerSide) {
    int n = op.perRound();
    long t0 = System.nanoTime();
    sink +=
        switch (op.name()) {
          case "addOne" -> layerSide ? Layer.addOnes(w, n) : Direct.addOnes(w, n);
          case "hostRoundTrip" -> layerSide ? Layer.viaHosts(w, n) : Direct.viaHosts(w, n);
          default -> layerSide ? Layer.hostLoops(w, n) : Direct.hostLoops(w, n);
        };
    return (System.nanoTime() - t0) / (double) n;
  }

  // The loops, once per side: the JIT profiles each method's bytecode, so a loop shared by both
  // sides would see two
  // receivers and inline both into one body, where a deep path can miss the inlining budget that
  // the engine's own
  // API alone meets. Each result feeds the next argument, so no call can be skipped.

  private static final class Layer {
    static int addOnes(Workload w, int n) {
      int x = 1;
      for (int i = 0; i < n; i++) {
        x = w.addOne(x) & 0xFFFF;
      }
      return x;
    }

    static int viaHosts(Workload w, int n) {
      int x = 1;
      for (int i = 0; i < n; i++) {
        x = w.viaHost(x) & 0xFFFF;
      }
      return x;
    }

    static int hostLoops(Workload w, int n) {
      int x = 0;
      for (int i = 0; i < n; i++) {
        x += w.hostLoop(HOST_LOOP);
      }
      return x;
    }
  }

  private static final class Direct {
    static int addOnes(Workload w, int n) {
      int x = 1;
      for (int i = 0; i < n; i++) {
        x = w.addOne(x) & 0xFFFF;
      }
      return x;
    }

    static int viaHosts(Workload w, int n) {
      int x = 1;
      for (int i = 0; i < n; i++) {
        x = w.viaHost(x) & 0xFFFF;
      }
      return x;
    }

    static int hostLoops(Workload w, int n) {
      int x = 0;
      for (int i = 0; i < n; i++) {
        x += w.hostLoop(HOST_LOOP);
      }
      return x;
    }
  }
}
