package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Func;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.tck.support.HostileModules;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ValType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Hostile inputs end in typed exceptions, never a raw {@link Error}, and compiling is bounded:
 * counts far past the bytes present, 100,000-deep nesting as text and as binary, functions past a
 * compiler's limits, and a stack exhausted by a host function re-entering wasm. Backends run this
 * class in a JVM of its own: it exhausts the stack on purpose, and its first test catches an error
 * path initialized too late only if no other test has used that path before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest extends TckBase {
  /** What a compile of hostile bytes may take, everywhere. */
  private static final long COMPILE_BOUND_MS = 5_000;

  /**
   * The stack of the threads the nesting cases run on: the common default, far below the test JVM's
   * 16 MiB.
   */
  private static final long SMALL_STACK = 1 << 20;

  /** The stack the re-entry runs out of: small enough to keep the levels (and the time) few. */
  private static final long REENTRY_STACK = 2 << 20;

  private static final String REENTRY =
      String.join(
          "\n",
          "(module",
          "  (import \"host\" \"reenter\" (func $reenter (param i32) (result i32)))",
          "  (import \"host\" \"sweep\" (func $sweep))",
          "  (func (export \"run\") (param i32) (result i32) (call $reenter (i32.add (local.get 0) (i32.const 1))))",
          "  (func (export \"probe\") (call $sweep))",
          "  (func (export \"trap\") unreachable)",
          "  (func (export \"div\") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0))))");

  /**
   * How many of the deepest frames of {@link #sweep} call wasm: the last ~100 KiB of stack, frame
   * by frame.
   */
  private static final int PROBES = 2_000;

  /**
   * A stack exhausted through host functions: first a host function that recurses to the end of the
   * stack and calls wasm from every one of the deepest frames on the way back (so the first trap
   * the JVM ever maps happens with almost no stack left, where a class initialized for the first
   * time fails and stays broken: NoClassDefFoundError ever after); then host and wasm calling each
   * other until the stack runs out; then 100 more traps and compile errors.
   */
  @Test
  @Order(1)
  @RequiresFeature(Feature.WAT)
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void errorPathsStillWorkAfterAHostReentryExhaustedTheStack() {
    AtomicInteger deepest = new AtomicInteger();
    int[] typedTraps = {0};
    FuncType type = FuncType.of(List.of(ValType.I32), List.of(ValType.I32));
    Imports imports =
        Imports.builder()
            .func(
                "host",
                "reenter",
                type,
                (caller, args) -> {
                  deepest.accumulateAndGet(args[0].i32(), Math::max);
                  return caller
                      .func("run")
                      .orElseThrow()
                      .call(args); // host -> wasm -> host ... until the stack runs out
                })
            .func(
                "host",
                "sweep",
                FuncType.of(List.of(), List.of()),
                (caller, args) -> {
                  typedTraps[0] = sweep(caller.func("trap").orElseThrow(), 0, new int[1]);
                  return Value.NONE;
                })
            .build();
    try (Store<Void> s = engine.newStore(null)) {
      Instance i = s.instantiate(engine.compile(REENTRY.getBytes(StandardCharsets.UTF_8)), imports);
      // on a 2 MiB stack: the same exhaustion as on the test JVM's 16 MiB, in a fraction of the
      // levels (and time)
      Object result = onThread(REENTRY_STACK, () -> func(i, "run").call(Value.i32(0)));
      if (!(result instanceof TrapException)) {
        throw new AssertionError(
            "expected a TrapException, got " + result,
            result instanceof Throwable failure ? failure : null);
      }
      Object swept = onThread(REENTRY_STACK, () -> func(i, "probe").call());
      if (swept instanceof Throwable failure) {
        throw new AssertionError("traps at the end of the stack", failure);
      }
      assertTrue(typedTraps[0] > 0, "some calls near the end of the stack had room to trap");
      System.out.println(
          "wasm-layer: "
              + engine.id()
              + " "
              + typedTraps[0]
              + " traps at the end of the stack; host "
              + "re-entry ran out of stack after "
              + deepest.get()
              + " levels: "
              + ((TrapException) result).kind());
      Func trap = func(i, "trap");
      Func div = func(i, "div");
      for (int n = 0; n < 100; n++) {
        assertEquals(TrapKind.UNREACHABLE, assertThrows(TrapException.class, trap::call).kind());
        assertEquals(
            TrapKind.INTEGER_DIVIDE_BY_ZERO,
            assertThrows(TrapException.class, () -> div.call(Value.i32(0))).kind());
        assertThrows(
            CompileException.class,
            () -> engine.compile(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1}));
      }
      assertEquals(1, div.call(Value.i32(1))[0].i32(), "the store stays usable");
    }
  }

  /**
   * Recurses until the stack runs out, then calls {@code trap} from each of the {@link #PROBES}
   * deepest frames on the way back. A call with too little stack to reach wasm may overflow; every
   * other must end in a TrapException. Any other Throwable (NoClassDefFoundError above all) leaves
   * and fails the test. Returns the typed traps.
   */
  private static int sweep(Func trap, int depth, int[] bottom) {
    int typed = 0;
    try {
      typed = sweep(trap, depth + 1, bottom);
    } catch (StackOverflowError end) {
      bottom[0] = depth;
    }
    if (bottom[0] - depth < PROBES) {
      try {
        trap.call();
      } catch (TrapException expected) {
        typed++;
      } catch (StackOverflowError tooDeepToTrap) {
        // this frame had no room left to reach wasm
      }
    }
    return typed;
  }

  @Test
  void anUnknownOpcodeInATableInitializerIsACompileException() {
    // a table with an initializer expression (0x40 0x00) whose first instruction no walker knows
    byte[] wasm = {
      0x00,
      0x61,
      0x73,
      0x6d,
      0x01,
      0x00,
      0x00,
      0x00, // header
      0x04,
      0x08,
      0x01,
      0x40,
      0x00,
      0x70,
      0x00,
      0x01,
      (byte) 0xFF,
      0x0B // table section
    };
    // malformed, or (where the engine lacks typed function references) unsupported: typed either
    // way
    for (Executable step :
        List.<Executable>of(() -> engine.validate(wasm), () -> engine.compile(wasm).close())) {
      WasmException e = assertThrows(WasmException.class, step);
      assertTrue(
          e instanceof CompileException || e instanceof UnsupportedFeatureException, e::toString);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void hugeCountsAreMalformedNotOutOfMemory() {
    for (Map.Entry<String, byte[]> c : HostileModules.hugeCounts().entrySet()) {
      boolean mayPass = HostileModules.inCustomSection(c.getKey());
      outcome(c.getKey(), () -> engine.validate(c.getValue()), mayPass);
      outcome(c.getKey(), () -> engine.compile(c.getValue()).close(), mayPass);
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void mutatedCountsOnlyEverFailWithWasmExceptions() {
    try (Module reference = engine.compile(HostileModules.reference(-1, 0))) {
      assertEquals(2, reference.exports().size(), "the unmutated reference module compiles");
    }
    long[] huge = {0x7FFF_FFFFL, 0xFFFF_FFFFL, 1L << 28, 1L << 20, 65_536};
    int slots = HostileModules.referenceSlots();
    Map<String, Integer> outcomes = new TreeMap<>();
    for (int slot = 0; slot < slots; slot++) { // every count and length once at 2^31 - 1
      outcomes.merge(compileOutcome(HostileModules.reference(slot, huge[0])), 1, Integer::sum);
    }
    Random random = new Random(20_240_601);
    for (int n = 0;
        n < 40;
        n++) { // then seeded: a random count, a random huge or slightly-too-large value
      int slot = random.nextInt(slots);
      long value =
          random.nextBoolean() ? huge[random.nextInt(huge.length)] : 1 + random.nextInt(300);
      outcomes.merge(compileOutcome(HostileModules.reference(slot, value)), 1, Integer::sum);
    }
    System.out.println(
        "wasm-layer: " + engine.id() + " mutated counts over " + slots + " slots: " + outcomes);
    assertTrue(
        outcomes.getOrDefault("CompileException", 0) > slots / 2,
        "most mutations are malformed: " + outcomes);
  }

  @Test
  @RequiresFeature(Feature.WAT)
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void deeplyNestedTextCompilesOrIsRefused() {
    for (int depth : new int[] {20_000, 100_000}) {
      byte[] text = HostileModules.nestedBlocksText(depth).getBytes(StandardCharsets.UTF_8);
      String result = onSmallStack(() -> engine.compile(text).close());
      System.out.println(
          "wasm-layer: " + engine.id() + " text of " + depth + " nested blocks: " + result);
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void deeplyNestedBinaryCompilesOrIsRefused() {
    byte[] wasm = HostileModules.nestedBlocks(100_000);
    String result = onSmallStack(() -> engine.compile(wasm).close());
    System.out.println("wasm-layer: " + engine.id() + " binary of 100000 nested blocks: " + result);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void manyLargeLocalsCompileInBoundedTime() {
    bounded("200 functions of 50,000 locals", HostileModules.manyLocals(200, 50_000));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aHugeBrTableCompilesInBoundedTime() {
    bounded("a br_table of 1,000,000 targets", HostileModules.brTable(1_000_000));
  }

  /**
   * Compiles, or fails as a WasmException, within {@link #COMPILE_BOUND_MS} of this thread's CPU
   * time: unlike the wall clock, that does not grow when other work shares the machine. The wall
   * clock is bounded too, more loosely, for engines that compile on threads of their own
   * (wasmtime).
   */
  private void bounded(String what, byte[] wasm) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    long cpu0 = cpu ? threads.getCurrentThreadCpuTime() : 0;
    long t0 = System.nanoTime();
    String result;
    try {
      engine.compile(wasm).close();
      result = "compiled";
    } catch (WasmException e) {
      result = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    long cpuMs = cpu ? (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000 : ms;
    System.out.println(
        "wasm-layer: "
            + engine.id()
            + " ("
            + engine.strategy()
            + ") "
            + what
            + ": "
            + result
            + " in "
            + ms
            + " ms ("
            + cpuMs
            + " ms of CPU)");
    assertTrue(cpuMs < COMPILE_BOUND_MS, what + " took " + cpuMs + " ms of CPU");
    assertTrue(ms < 4 * COMPILE_BOUND_MS, what + " took " + ms + " ms");
  }

  /**
   * The class name of what compiling {@code wasm} threw, or "compiled"; anything but a
   * WasmException fails.
   */
  private String compileOutcome(byte[] wasm) {
    try {
      engine.validate(wasm);
    } catch (WasmException e) {
      // compile must agree below; its outcome is the one counted
    }
    try {
      engine.compile(wasm).close();
      return "compiled";
    } catch (WasmException e) {
      return e.getClass().getSimpleName();
    }
  }

  /**
   * Runs {@code step} expecting a WasmException (or success, when {@code mayPass}); any other
   * Throwable fails.
   */
  private static void outcome(String name, Runnable step, boolean mayPass) {
    try {
      step.run();
    } catch (WasmException expected) {
      return;
    }
    if (!mayPass) {
      fail(name + " was accepted");
    }
  }

  /**
   * Runs {@code step} on a thread with a {@link #SMALL_STACK}; success or a CompileException,
   * nothing else.
   */
  private static String onSmallStack(Runnable step) {
    Object r =
        onThread(
            SMALL_STACK,
            () -> {
              step.run();
              return "compiled";
            });
    if (r instanceof CompileException rejected) {
      return "CompileException: " + rejected.getMessage();
    }
    if (r instanceof Throwable failure) {
      throw new AssertionError("expected success or a CompileException", failure);
    }
    return (String) r;
  }

  /** What {@code step} returned or threw, run on a new thread with {@code stackBytes} of stack. */
  private static Object onThread(long stackBytes, Supplier<Object> step) {
    AtomicReference<Object> result = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                result.set(step.get());
              } catch (Throwable e) {
                result.set(e);
              }
            },
            "hostile-input",
            stackBytes);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    return result.get();
  }
}
