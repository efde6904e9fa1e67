package dev.wasmlayer.bind;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmlayer.Imports;
import dev.wasmlayer.RawHostFunction;
import dev.wasmlayer.Value;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The adapters generated for numbers-only bindings allocate nothing per call, measured with the
 * JVM's per-thread allocation counter; a boxing control proves the measurement sees allocation.
 * What it measures is the optimizing JIT's escape analysis, which runs when the JVM decides: in the
 * {@code slow} group, and only on a JVM that has the optimizing compiler (checked before the
 * measurement, which warms up until a round allocates nothing).
 */
@Tag("slow")
class BindingAllocationTest {
  private static final int CALLS = 1_000_000;
  private static final int ROUNDS = 8;
  private static volatile Value last;

  /** Host functions of every number type and a record result. */
  public static final class Host {
    long sink;

    @WasmImport
    public int add(int a, int b) {
      return a + b;
    }

    @WasmImport
    public double scale(float f, double d) {
      return f * d;
    }

    @WasmImport
    public Pair swap(long a, int b) {
      return new Pair(b, a);
    }

    @WasmImport
    public void take(long v) {
      sink += v;
    }
  }

  /** Two results; escape analysis removes it once the adapter is inlined. */
  public record Pair(int first, long second) {}

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void rawAdaptersDoNotAllocate() {
    assumeTrue(
        optimizingJit(),
        "no optimizing JIT (-Xint or TieredStopAtLevel < 4): nothing removes the allocations");
    Imports imports = Imports.builder().bind("h", new Host()).build();
    for (String name : new String[] {"add", "scale", "swap", "take"}) {
      RawHostFunction<?> f =
          assertInstanceOf(Imports.RawHostFunc.class, imports.resolve("h", name).orElseThrow())
              .function();
      long bytes = allocatedPerCall(f);
      assertTrue(bytes < 50_000, name + ": " + bytes + " bytes allocated over " + CALLS + " calls");
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void theMeasurementSeesABoxingControl() {
    RawHostFunction<Object> boxing =
        (caller, slots) -> {
          last = Value.i64(slots[0] + 1); // escapes, so it cannot be optimized away
          slots[0] = last.i64();
        };
    long bytes = allocatedPerCall(boxing);
    assertTrue(bytes > CALLS * 8L, "the control allocated only " + bytes + " bytes");
  }

  /**
   * Whether HotSpot's C2 (or a JVMCI compiler in its place) may compile: neither -Xint nor a lower
   * tier cap.
   */
  private static boolean optimizingJit() {
    try {
      Class<?> bean = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
      Object mx =
          Class.forName("java.lang.management.ManagementFactory")
              .getMethod("getPlatformMXBean", Class.class)
              .invoke(null, bean);
      Method option = bean.getMethod("getVMOption", String.class);
      Method value = Class.forName("com.sun.management.VMOption").getMethod("getValue");
      boolean compiles =
          Boolean.parseBoolean((String) value.invoke(option.invoke(mx, "UseCompiler")));
      int tier = Integer.parseInt((String) value.invoke(option.invoke(mx, "TieredStopAtLevel")));
      return compiles && tier >= 4;
    } catch (ReflectiveOperationException e) {
      return false; // not HotSpot: nothing known about its JIT
    }
  }

  /**
   * The JVM's count of bytes this thread allocated (reflectively: this test runs inside the API's
   * module).
   */
  private static long allocatedBytes() {
    try {
      Object mx =
          Class.forName("java.lang.management.ManagementFactory")
              .getMethod("getThreadMXBean")
              .invoke(null);
      Method count =
          Class.forName("com.sun.management.ThreadMXBean")
              .getMethod("getCurrentThreadAllocatedBytes");
      return (Long) count.invoke(mx);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("this JVM cannot count allocated bytes", e);
    }
  }

  /**
   * The fewest bytes one round of {@link #CALLS} calls allocated, over up to {@link #ROUNDS} rounds
   * after a warm-up: the steady state, once the JIT has compiled the adapter (on a loaded machine
   * its compile queue may need more than one round; a round that allocates nothing ends the search
   * early).
   */
  private static long allocatedPerCall(RawHostFunction<?> f) {
    long fewest = Long.MAX_VALUE;
    for (int round = 0; round < ROUNDS && fewest >= 50_000; round++) {
      fewest = Math.min(fewest, oneRound(f));
    }
    return fewest;
  }

  private static long oneRound(RawHostFunction<?> f) {
    long[] slots = new long[2];
    long acc = 0;
    for (int i = 0; i < 3 * CALLS; i++) { // warm up: let the JIT compile and inline the adapter
      slots[0] = i;
      slots[1] = i;
      f.call(null, slots);
      acc += slots[0];
    }
    long before = allocatedBytes();
    for (int i = 0; i < CALLS; i++) {
      slots[0] = i;
      slots[1] = i;
      f.call(null, slots);
      acc += slots[0];
    }
    long after = allocatedBytes();
    if (acc == 42) {
      System.out.println(acc); // keeps the loop's results alive
    }
    return after - before;
  }
}
