package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Engine;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Func;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntBinaryOperator;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The store runtime's guarantees, attacked: one thread per store under two hammering threads, close
 * from another thread in the middle of memory copies, an engine closed under its stores, interrupt
 * storms, deadlines that stop every loop shape but never reach host code. A JVM crash here fails
 * the forked test JVM, and so the run.
 *
 * <p>{@code -Ddev.wasmlayer.tck.hostile.calls=N} sets the calls per thread (CI: 100,000; the
 * issue's long form: 1M).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StoreRuntimeTest extends TckBase {
  private static final int CALLS = Integer.getInteger("dev.wasmlayer.tck.hostile.calls", 100_000);

  private static final String WAT =
      """
      (module
        (import "host" "tick" (func $tick (param i32)))
        (memory (export "memory") 1)
        (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
        (func $nop)
        (func (export "spin_br") (loop $l br $l))
        (func (export "spin_br_if") (param i64)
          (loop $l
            local.get 0 i64.const 1 i64.sub local.tee 0
            i64.const 0 i64.ne br_if $l))
        (func (export "spin_call") (param i64)
          (loop $l
            call $nop
            local.get 0 i64.const 1 i64.sub local.tee 0
            i64.const 0 i64.ne br_if $l))
        (func (export "tick_then_spin") i32.const 0 call $tick (loop $l br $l))
        (func $recurse (export "recurse") (param i32) (result i32)
          local.get 0 i32.const 1 i32.add call $recurse)
        (func (export "host_echo") (local i32) ;; tick(i) reads, tick(-1) writes: host calls with little wasm between
          (loop $l
            local.get 0 call $tick
            i32.const -1 call $tick
            local.get 0 i32.const 1 i32.add local.set 0
            br $l))
        (func (export "host_loop") (local i32)
          (loop $l
            local.get 0 call $tick
            local.get 0 i32.const 1 i32.add local.tee 0
            i32.const 0 i32.ne br_if $l)))
      """;

  /** An engine of the kind under test with interruption on. */
  private static Engine interruptible() {
    return Engines.create(Tck.provider().id(), Tck.config().toBuilder().interruption(true).build());
  }

  private static Instance instance(Engine e, Store<?> s, IntConsumer tick) {
    Imports imports = Imports.builder().func("host", "tick", IntConsumer.class, tick).build();
    return s.instantiate(e.compile(WAT.getBytes(StandardCharsets.UTF_8)), imports);
  }

  @Test
  void twoThreadsHammeringOneStoreGetRightAnswersOrIllegalState() throws Exception {
    try (Engine e = interruptible();
        Store<Void> s = e.newStore(null)) {
      Func add = instance(e, s, x -> {}).func("add").orElseThrow();
      IntBinaryOperator view = add.typed(IntBinaryOperator.class);
      AtomicLong wrong = new AtomicLong();
      AtomicLong refused = new AtomicLong();
      AtomicLong ok = new AtomicLong();
      ConcurrentLinkedQueue<Throwable> other = new ConcurrentLinkedQueue<>();
      CountDownLatch go = new CountDownLatch(1);
      Thread[] threads = new Thread[2];
      for (int t = 0; t < threads.length; t++) {
        long seed = t;
        threads[t] =
            new Thread(
                () -> {
                  SplittableRandom rnd = new SplittableRandom(seed);
                  long[] slots =
                      new long[3]; // longer than the parameters: the backend's own argument copy is
                  // used
                  try {
                    go.await();
                  } catch (InterruptedException ex) {
                    return;
                  }
                  for (int n = 0; n < CALLS; n++) {
                    int a = rnd.nextInt(1 << 20);
                    int b = rnd.nextInt(1 << 20);
                    try {
                      int r =
                          switch (n % 3) {
                            case 0 -> view.applyAsInt(a, b);
                            case 1 -> add.call(Value.i32(a), Value.i32(b))[0].i32();
                            default -> {
                              slots[0] = a;
                              slots[1] = b;
                              add.callRaw(slots);
                              yield (int) slots[0];
                            }
                          };
                      if (r != a + b) {
                        wrong.incrementAndGet();
                      } else {
                        ok.incrementAndGet();
                      }
                    } catch (IllegalStateException refusedCall) {
                      refused.incrementAndGet();
                    } catch (Throwable x) {
                      other.add(x);
                    }
                  }
                },
                "hammer-" + t);
        threads[t].start();
      }
      go.countDown();
      for (Thread t : threads) {
        t.join();
      }
      System.out.println(
          "wasm-layer: "
              + e.id()
              + " two threads x "
              + CALLS
              + " calls on one store: "
              + ok
              + " right, "
              + refused
              + " refused, "
              + wrong
              + " wrong");
      assertTrue(
          other.isEmpty(), () -> "only IllegalStateException may refuse a call: " + other.peek());
      assertEquals(0, wrong.get(), "wrong results");
      assertEquals(2L * CALLS, ok.get() + refused.get());
      assertEquals(5, add.call(Value.i32(2), Value.i32(3))[0].i32(), "the store still works");
    }
  }

  @Test
  @SuppressWarnings("try") // the close inside the try block is the point: it races the reader
  void closeFromAnotherThreadDuringLargeMemoryReadsIsIllegalStateNeverACrash() throws Exception {
    try (Engine e = interruptible();
        Store<Void> s = e.newStore(null)) {
      Memory mem = instance(e, s, x -> {}).memory("memory").orElseThrow();
      assertEquals(1, mem.grow(255), "grow to 16 MiB");
      byte[] buf = new byte[1 << 24];
      AtomicInteger reads = new AtomicInteger();
      CountDownLatch reading = new CountDownLatch(1);
      AtomicBoolean sawClosed = new AtomicBoolean();
      ConcurrentLinkedQueue<Throwable> other = new ConcurrentLinkedQueue<>();
      Thread reader =
          new Thread(
              () -> {
                try {
                  while (true) {
                    mem.read(0, buf);
                    if (reads.incrementAndGet() == 3) {
                      reading.countDown();
                    }
                  }
                } catch (IllegalStateException closed) {
                  sawClosed.set(true);
                } catch (Throwable x) {
                  other.add(x);
                } finally {
                  reading.countDown();
                }
              },
              "reader");
      reader.start();
      assertTrue(reading.await(60, TimeUnit.SECONDS));
      s.close();
      reader.join(TimeUnit.SECONDS.toMillis(60));
      assertFalse(reader.isAlive(), "the reader stops once the store is closed");
      assertTrue(
          other.isEmpty(),
          () -> "a read racing close may only see IllegalStateException: " + other.peek());
      assertTrue(
          sawClosed.get(), "the reader saw the store closed after " + reads.get() + " reads");
      assertThrows(IllegalStateException.class, () -> mem.readInt(0));
    }
  }

  @Test
  @RequiresFeature(Feature.INTERRUPTION)
  void storesOutliveTheirClosedEngineAndStayStoppable() throws Exception {
    Engine e = interruptible();
    Store<Void> timed =
        e.newStore(null, StoreConfig.builder().deadline(Duration.ofMillis(100)).build());
    Store<Void> plain = e.newStore(null);
    CountDownLatch started = new CountDownLatch(1);
    Instance ti = instance(e, timed, x -> {});
    Instance pi = instance(e, plain, x -> started.countDown());
    e.close();
    assertThrows(IllegalStateException.class, () -> e.newStore(null));
    try {
      TrapException t =
          assertThrows(TrapException.class, () -> ti.func("spin_br").orElseThrow().call());
      assertEquals(
          TrapKind.INTERRUPTED, t.kind(), "a deadline after the engine closed: " + t.getMessage());
      AtomicBoolean stopped = new AtomicBoolean();
      Thread runner =
          new Thread(
              () -> {
                try {
                  pi.func("tick_then_spin").orElseThrow().call();
                } catch (TrapException x) {
                  stopped.set(x.kind() == TrapKind.INTERRUPTED);
                }
              },
              "runner");
      runner.start();
      assertTrue(started.await(60, TimeUnit.SECONDS));
      plain.interrupt();
      runner.join(TimeUnit.SECONDS.toMillis(60));
      assertFalse(runner.isAlive(), "interrupt() after the engine closed stops the call");
      assertTrue(stopped.get(), "it ends with an INTERRUPTED trap");
      assertEquals(7, pi.func("add").orElseThrow().call(Value.i32(3), Value.i32(4))[0].i32());
    } finally {
      timed.close();
      plain.close();
    }
  }

  @Test
  @RequiresFeature(Feature.INTERRUPTION)
  void anInterruptStormNeverLeavesTheCallersInterruptFlagSet() throws Exception {
    try (Engine e = interruptible();
        Store<Void> s = e.newStore(null)) {
      IntBinaryOperator add =
          instance(e, s, x -> {}).func("add").orElseThrow().typed(IntBinaryOperator.class);
      AtomicBoolean done = new AtomicBoolean();
      Thread storm =
          new Thread(
              () -> {
                while (!done.get()) {
                  s.interrupt();
                }
              },
              "storm");
      storm.start();
      int calls = Math.min(CALLS, 50_000);
      int interrupted = 0;
      int leaked = 0;
      try {
        for (int n = 0; n < calls; n++) {
          try {
            assertEquals(n + 1, add.applyAsInt(n, 1));
          } catch (TrapException t) {
            assertEquals(TrapKind.INTERRUPTED, t.kind(), t.getMessage());
            interrupted++;
          }
          if (Thread.interrupted()) {
            leaked++;
          }
        }
      } finally {
        done.set(true);
        storm.join();
      }
      System.out.println(
          "wasm-layer: "
              + e.id()
              + " interrupt storm: "
              + calls
              + " calls, "
              + interrupted
              + " interrupted, "
              + leaked
              + " left the interrupt flag set");
      assertEquals(0, leaked, "calls that returned with the caller's interrupt flag set");
    }
  }

  @Test
  void aCallOnAnInterruptedThreadRunsAndKeepsTheFlag() {
    try (Engine e = interruptible();
        Store<Void> s = e.newStore(null)) {
      IntBinaryOperator add =
          instance(e, s, x -> {}).func("add").orElseThrow().typed(IntBinaryOperator.class);
      Thread.currentThread().interrupt();
      try {
        assertEquals(5, add.applyAsInt(2, 3), "the call runs");
        assertTrue(
            Thread.currentThread().isInterrupted(), "the caller's own interrupt status is kept");
      } finally {
        Thread.interrupted();
      }
    }
  }

  @Test
  @RequiresFeature(Feature.INTERRUPTION)
  void aDeadlineNeverReachesHostCodeAFileChannelStaysOpen(
      @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path file = dir.resolve("log.bin");
    try (Engine e = interruptible();
        Store<Void> s =
            e.newStore(null, StoreConfig.builder().deadline(Duration.ofMillis(100)).build());
        FileChannel ch =
            FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      AtomicInteger writes = new AtomicInteger();
      AtomicBoolean hostSawInterrupt = new AtomicBoolean();
      ByteBuffer line = ByteBuffer.allocate(16);
      Instance i =
          instance(
              e,
              s,
              x -> {
                if (Thread.currentThread().isInterrupted()) {
                  hostSawInterrupt.set(true);
                }
                try {
                  line.clear();
                  ch.write(line);
                  writes.incrementAndGet();
                } catch (IOException io) {
                  throw new UncheckedIOException(io);
                }
              });
      for (int round = 0; round < 3; round++) {
        TrapException t =
            assertThrows(TrapException.class, () -> i.func("host_loop").orElseThrow().call());
        assertEquals(TrapKind.INTERRUPTED, t.kind(), "round " + round + ": " + t.getMessage());
        assertTrue(ch.isOpen(), "the host's FileChannel is still open after round " + round);
        assertFalse(hostSawInterrupt.get(), "host code saw the interrupt flag");
        assertFalse(
            Thread.currentThread().isInterrupted(), "no interrupt flag leaks into the caller");
      }
      assertTrue(writes.get() > 0);
      assertEquals(16L * writes.get(), Files.size(file));
    }
  }

  /**
   * The loops count down from {@link #LOOP_BUDGET} (seconds of work on a compiled engine) so that
   * an engine that cannot stop one still ends it, and the test waits at most {@link
   * #STOP_WAIT_SECONDS} before failing.
   */
  private static final long LOOP_BUDGET = 500_000_000L;

  private static final int STOP_WAIT_SECONDS = 5;

  @Test
  @RequiresFeature(Feature.INTERRUPTION)
  void aDeadlineStopsEveryLoopShape() throws Exception {
    try (Engine e = interruptible();
        Store<Void> s =
            e.newStore(null, StoreConfig.builder().deadline(Duration.ofMillis(100)).build())) {
      Instance i = instance(e, s, x -> {});
      for (String loop : List.of("spin_br", "spin_br_if", "spin_call")) {
        Func f = i.func(loop).orElseThrow();
        Value[] args =
            f.type().params().isEmpty() ? new Value[0] : new Value[] {Value.i64(LOOP_BUDGET)};
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        long t0 = System.nanoTime();
        Thread runner =
            new Thread(
                () -> {
                  try {
                    f.call(args);
                    outcome.complete(null);
                  } catch (Throwable x) {
                    outcome.complete(x);
                  }
                },
                "loop-" + loop);
        runner.setDaemon(
            true); // an engine that cannot stop the loop leaves it to run out its budget
        runner.start();
        Throwable t;
        try {
          t = outcome.get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException notStopped) {
          throw new AssertionError(
              e.id()
                  + ": a 100 ms deadline did not stop the "
                  + loop
                  + " loop within "
                  + STOP_WAIT_SECONDS
                  + " s");
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        TrapException trap = assertInstanceOf(TrapException.class, t, loop + " ended with " + t);
        assertEquals(TrapKind.INTERRUPTED, trap.kind(), loop + ": " + t.getMessage());
        assertTrue(ms >= 90, loop + " stopped after " + ms + " ms");
        System.out.println(
            "wasm-layer: " + e.id() + " 100 ms deadline stopped " + loop + " after " + ms + " ms");
      }
    }
  }

  @Test
  void closeFromInsideAHostFunctionFreesTheStoreWhenTheCallReturns() {
    try (Engine e = interruptible()) {
      Store<Void> s = e.newStore(null);
      AtomicBoolean refusedInside = new AtomicBoolean();
      Memory[] mem = new Memory[1];
      Instance i =
          instance(
              e,
              s,
              x -> {
                s.close();
                try {
                  mem[0].readInt(0);
                } catch (IllegalStateException closed) {
                  refusedInside.set(true);
                }
              });
      mem[0] = i.memory("memory").orElseThrow();
      assertThrows(
          TrapException.class,
          () -> i.func("tick_then_spin").orElseThrow().call(),
          "the host function's close ends the call");
      assertTrue(s.isClosed());
      assertTrue(refusedInside.get(), "use after close inside the host function is refused");
      assertThrows(
          IllegalStateException.class,
          () -> i.func("add").orElseThrow().call(Value.i32(1), Value.i32(2)));
    }
  }

  @Test
  void deepRecursionOnASmallThreadStackTrapsNeverCrashes() throws Exception {
    try (Engine e = interruptible();
        Store<Void> s = e.newStore(null)) {
      Func recurse = instance(e, s, x -> {}).func("recurse").orElseThrow();
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      Thread small =
          new Thread(
              null,
              () -> {
                try {
                  recurse.call(Value.i32(0));
                  outcome.complete(null);
                } catch (Throwable x) {
                  outcome.complete(x);
                }
              },
              "small-stack",
              64 * 1024);
      small.start();
      Throwable t = outcome.get(60, TimeUnit.SECONDS);
      small.join();
      TrapException trap =
          assertInstanceOf(
              TrapException.class, t, "unbounded recursion on a 64 KiB stack ended with " + t);
      assertEquals(TrapKind.STACK_OVERFLOW, trap.kind(), t.getMessage());
      System.out.println(
          "wasm-layer: " + e.id() + " recursion on a 64 KiB thread: " + t.getMessage());
      assertEquals(
          7,
          instance(e, s, x -> {})
              .func("add")
              .orElseThrow()
              .call(Value.i32(3), Value.i32(4))[0]
              .i32(),
          "the store still works");
    }
  }

  @Test
  @RequiresFeature(Feature.INTERRUPTION)
  void aDeadlineStopsWasmCalledBackFromAHostFunction() throws Exception {
    try (Engine e = interruptible();
        Store<Void> s =
            e.newStore(null, StoreConfig.builder().deadline(Duration.ofMillis(100)).build())) {
      Func[] spin = new Func[1];
      Instance i = instance(e, s, x -> spin[0].call());
      spin[0] = i.func("spin_br").orElseThrow();
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      Thread runner =
          new Thread(
              () -> {
                try {
                  i.func("tick_then_spin").orElseThrow().call();
                  outcome.complete(null);
                } catch (Throwable x) {
                  outcome.complete(x);
                }
              },
              "reentrant");
      runner.setDaemon(true);
      runner.start();
      Throwable t = outcome.get(30, TimeUnit.SECONDS);
      TrapException trap = assertInstanceOf(TrapException.class, t, "ended with " + t);
      TrapKind kind =
          trap.kind() == TrapKind.HOST && trap.getCause() instanceof TrapException inner
              ? inner.kind()
              : trap.kind();
      assertEquals(TrapKind.INTERRUPTED, kind, trap.getMessage());
      assertEquals(
          7,
          i.func("add").orElseThrow().call(Value.i32(3), Value.i32(4))[0].i32(),
          "the store still works");
    }
  }

  /**
   * An interrupt asked for while a host function blocks takes effect as soon as the guest is back
   * in wasm, even when the guest goes straight into another blocking host call (an echo loop
   * waiting on stdin): it must not depend on a timer catching the few microseconds of wasm in
   * between. The guest is an echo loop: tick(i) "reads", tick(-1) "writes" (never blocks). The
   * first read blocks until the test releases it; a second read means the guest ran on past the
   * interrupt, and blocks until the test is over, then throws.
   */
  @Test
  @RequiresFeature(Feature.INTERRUPTION)
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anInterruptAskedForDuringABlockingHostCallStopsTheGuestOnItsReturn() throws Exception {
    try (Engine e = interruptible();
        Store<Void> s = e.newStore(null)) {
      CountDownLatch blocked = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch over = new CountDownLatch(1);
      AtomicInteger laterCalls = new AtomicInteger();
      Instance i =
          instance(
              e,
              s,
              n -> {
                try {
                  if (n == -1) {
                    return; // the echo's write: never blocks
                  }
                  if (n == 0) {
                    blocked.countDown();
                    assertTrue(
                        release.await(30, TimeUnit.SECONDS),
                        "the test never released the host call");
                    return;
                  }
                  laterCalls.incrementAndGet();
                  over.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException x) {
                  throw new IllegalStateException(
                      "host code was interrupted", x); // host code never is
                }
                throw new IllegalStateException("the guest ran on after the interrupt");
              });
      Func loop = i.func("host_echo").orElseThrow();
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      Thread runner =
          new Thread(
              () -> {
                try {
                  loop.call();
                  outcome.complete(null);
                } catch (Throwable x) {
                  outcome.complete(x);
                }
              },
              "blocked-in-host");
      runner.setDaemon(true);
      runner.start();
      Throwable t;
      try {
        assertTrue(blocked.await(10, TimeUnit.SECONDS), "the guest never called the host function");
        s.interrupt();
        release.countDown();
        t = outcome.get(5, TimeUnit.SECONDS);
      } catch (TimeoutException x) {
        throw new AssertionError(
            "the interrupt was lost: the guest went back into a blocking host call "
                + laterCalls.get()
                + " time(s) and was still running 5 s after the first returned",
            x);
      } finally {
        over.countDown();
      }
      runner.join(TimeUnit.SECONDS.toMillis(10));
      assertEquals(0, laterCalls.get(), "host calls after the interrupted one");
      TrapException trap = assertInstanceOf(TrapException.class, t, "ended with " + t);
      assertEquals(TrapKind.INTERRUPTED, trap.kind(), t.getMessage());
      assertEquals(
          7,
          i.func("add").orElseThrow().call(Value.i32(3), Value.i32(4))[0].i32(),
          "the store still works");
    }
  }
}
