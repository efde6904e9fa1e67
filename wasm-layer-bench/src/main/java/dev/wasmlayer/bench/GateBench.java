package dev.wasmlayer.bench;

import dev.wasmlayer.spi.support.StopSignal;
import dev.wasmlayer.spi.support.StoreRuntime;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The store runtime's gate alone: what one call into wasm ({@code enterCall}/{@code exitCall}) and
 * one host call from wasm ({@code enterHost}/{@code exitHost}) cost, with the thread-interrupt
 * signal (Chicory's) and with a signal that does not reach host code (wasmtime's epochs). {@code
 * baseline} is the empty loop body JMH measures against.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = "-Xss16m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GateBench {
  /**
   * The stop signal: {@code interrupt} (Chicory's) or {@code epoch} ({@link StopSignal#NONE}: like
   * wasmtime's epochs, host code cannot see it).
   */
  @Param({"interrupt", "epoch"})
  public String signal;

  private StoreRuntime runtime;
  private int counter;

  @Setup
  public void setUp() {
    StopSignal s = signal.equals("interrupt") ? StopSignal.THREAD_INTERRUPT : StopSignal.NONE;
    runtime = new StoreRuntime(s, null, () -> {});
  }

  @TearDown
  public void tearDown() {
    runtime.close();
  }

  @Benchmark
  public int baseline() {
    return ++counter;
  }

  @Benchmark
  public int call() {
    long token = runtime.enterCall();
    try {
      return ++counter;
    } finally {
      runtime.exitCall(token);
    }
  }

  @Benchmark
  public int callWithHostCall() {
    long token = runtime.enterCall();
    try {
      runtime.enterHost();
      try {
        ++counter;
      } finally {
        runtime.exitHost();
      }
      return counter;
    } finally {
      runtime.exitCall(token);
    }
  }

  @Benchmark
  public int access() {
    long token = runtime.enterAccess();
    try {
      return ++counter;
    } finally {
      runtime.exitAccess(token);
    }
  }
}
