package dev.wasmlayer.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The workloads on GraalWasm with Truffle's optimizing runtime, through the layer and through the
 * polyglot API directly. Run by {@code scripts/bench-graalwasm.sh}, which starts the JVM with
 * JVMCI, the GraalVM compiler on the upgrade module path and Truffle on the module path (forks
 * inherit those options). Warm-up is long (15 x 1 s): Truffle compiles in the background and the
 * first seconds are interpreted; the iterations after ~8 s are steady.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xss16m"})
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 5, time = 1)
public class GraalWasmBench extends WorkloadBench {
  /** Through the layer or the polyglot API. */
  @Param({"graalwasm-layer", "graalwasm-direct"})
  public String target;

  @Override
  Workload create() {
    return switch (target) {
      case "graalwasm-layer" -> new LayerWorkload("graalwasm");
      case "graalwasm-direct" -> new GraalWasmDirect();
      default -> throw new IllegalArgumentException(target);
    };
  }
}
