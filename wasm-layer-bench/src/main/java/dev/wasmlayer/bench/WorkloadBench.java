package dev.wasmlayer.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The workloads, each a benchmark; subclasses say which targets run them and how the JVM is
 * started. Results feed the next call (or are returned) so the JIT cannot fold them.
 */
public abstract class WorkloadBench {
  private Workload w;
  private int x;
  private long seed = 88172645463325252L;
  private final byte[] data = new byte[64 * 1024];
  private final byte[] out = new byte[64 * 1024];
  private byte[] wasm;

  /** The workload for this fork's target. */
  abstract Workload create();

  /** Builds the workload for this fork's target. */
  @Setup(Level.Trial)
  public void setUp() {
    w = create();
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31);
    }
    w.copyInOut(data, out);
    wasm = Modules.bench();
  }

  /** Frees the engine. */
  @TearDown(Level.Trial)
  public void tearDown() {
    w.close();
  }

  /** One trivial call. */
  @Benchmark
  public int addOne() {
    return x = w.addOne(x);
  }

  /** Java to wasm to host and back. */
  @Benchmark
  public int hostRoundTrip() {
    return x = w.viaHost(x);
  }

  /** A wasm loop making 1,000 host calls (time per loop). */
  @Benchmark
  public int hostLoop1000() {
    return w.hostLoop(1000);
  }

  /** fib(20), 21,891 calls inside wasm. */
  @Benchmark
  public int fib20() {
    return w.fib(20);
  }

  /** 10,000 xorshift steps. */
  @Benchmark
  public long xorshift10k() {
    return seed = w.xorshift(10_000, seed);
  }

  /** FNV-1a over 64 KiB of memory. */
  @Benchmark
  public int fnv64k() {
    return w.fnv1a(64 * 1024);
  }

  /** 64 KiB into memory and 64 KiB back out. */
  @Benchmark
  public byte[] copy64k() {
    w.copyInOut(data, out);
    return out;
  }

  /** Compile, new store, instantiate, one call, free. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int compileInstantiate() {
    return w.compileAndInstantiate(wasm);
  }
}
