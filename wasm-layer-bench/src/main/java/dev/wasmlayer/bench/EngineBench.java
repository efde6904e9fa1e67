package dev.wasmlayer.bench;

import dev.wasmlayer.EngineConfig;
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
 * Every workload on every engine, through the layer and directly, in one run. {@code target} is
 * {@code <engine>-layer} or {@code <engine>-direct}; each target runs in its own forks, so the
 * workload interface is monomorphic there. {@code wasmtime-layer-noepoch} (not in the default list;
 * pass it with {@code -p target=...}) is {@code wasmtime-layer} with epoch interruption turned off,
 * to measure what the default interruption costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xss16m", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class EngineBench extends WorkloadBench {
  /** Which engine, and whether through the layer or its own API. */
  @Param({"chicory-layer", "chicory-direct", "wasmtime-layer", "wasmtime-direct"})
  public String target;

  @Override
  Workload create() {
    return switch (target) {
      case "chicory-layer" -> new LayerWorkload("chicory");
      case "wasmtime-layer" -> new LayerWorkload("wasmtime");
      case "wasmtime-layer-noepoch" ->
          new LayerWorkload("wasmtime", EngineConfig.builder().interruption(false).build());
      case "chicory-direct" -> new ChicoryDirect();
      case "wasmtime-direct" -> WasmtimeDirect.sameTechnologyAsTheLayer();
      default -> throw new IllegalArgumentException(target);
    };
  }
}
