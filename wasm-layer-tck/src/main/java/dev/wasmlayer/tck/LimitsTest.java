package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Func;
import dev.wasmlayer.Instance;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.MemoryType;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stopping and bounding untrusted code: interruption from another thread, deadlines, fuel and
 * memory caps (the caps' per-store counting is {@link StoreLimitsTest}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LimitsTest extends TckBase {
  /**
   * Calls {@code run} (of {@link SpinAfterSignal}, instantiated with {@code started}), runs {@code
   * stop} on another thread once the guest has signalled that it runs, and returns what the call
   * threw.
   */
  private static Throwable stopOnceStarted(Func run, CountDownLatch started, Runnable stop)
      throws InterruptedException {
    Thread stopper =
        new Thread(
            () -> {
              try {
                if (started.await(30, TimeUnit.SECONDS)) {
                  stop.run();
                }
              } catch (InterruptedException gone) {
                Thread.currentThread().interrupt();
              }
            },
            "LimitsTest stopper");
    stopper.setDaemon(true);
    stopper.start();
    try {
      run.call();
      return null;
    } catch (Throwable t) {
      return t;
    } finally {
      stopper.join(10_000);
    }
  }

  /** An engine of the one under test with interruption (and optionally fuel) enabled. */
  private static Engine engine(boolean fuel) {
    EngineConfig base = Tck.config();
    return Engines.create(
        Tck.provider().id(), base.toBuilder().interruption(true).fuel(fuel).build());
  }

  @Test
  @RequiresFeature(Feature.INTERRUPTION)
  void interruptStopsAnInfiniteLoopFromAnotherThread() throws Exception {
    try (Engine e = engine(false);
        Store<Void> s = e.newStore(null)) {
      CountDownLatch started = new CountDownLatch(1);
      Func run =
          s.instantiate(e.compile(SpinAfterSignal.WAT), SpinAfterSignal.signalling(started))
              .func("run")
              .orElseThrow();
      long t0 = System.nanoTime();
      Throwable thrown = stopOnceStarted(run, started, s::interrupt);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      TrapException t = assertInstanceOf(TrapException.class, thrown);
      assertEquals(TrapKind.INTERRUPTED, t.kind(), t.getMessage());
      assertTrue(ms < 5_000, "stopped after " + ms + " ms");
      System.out.println("wasm-layer: " + e.id() + " interrupt stopped a loop after " + ms + " ms");
      Instance i = s.instantiate(e.compile(Tck.wasm("loops")));
      assertEquals(
          0L,
          i.func("count_down").orElseThrow().call(Value.i64(100))[0].i64(),
          "the store stays usable");
      assertTrue(
          !Thread.currentThread().isInterrupted(),
          "no interrupt flag leaks into the caller's thread");
    }
  }

  @Test
  @RequiresFeature(Feature.INTERRUPTION)
  void aDeadlineStopsEachCall() {
    try (Engine e = engine(false);
        Store<Void> s =
            e.newStore(null, StoreConfig.builder().deadline(Duration.ofMillis(100)).build())) {
      Func spin = s.instantiate(e.compile(Tck.wasm("loops"))).func("spin").orElseThrow();
      for (int n = 0; n < 2; n++) {
        long t0 = System.nanoTime();
        TrapException t = assertThrows(TrapException.class, spin::call);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(TrapKind.INTERRUPTED, t.kind(), t.getMessage());
        assertTrue(ms >= 90 && ms < 5_000, "stopped after " + ms + " ms");
        System.out.println(
            "wasm-layer: " + e.id() + " deadline of 100 ms stopped a loop after " + ms + " ms");
      }
    }
  }

  @Test
  @RequiresFeature(Feature.INTERRUPTION)
  void anInterruptWithNothingRunningIsDropped() {
    try (Engine e = engine(false);
        Store<Void> s = e.newStore(null)) {
      Instance i = s.instantiate(e.compile(Tck.wasm("loops")));
      s.interrupt();
      assertEquals(0L, i.func("count_down").orElseThrow().call(Value.i64(1000))[0].i64());
    }
  }

  @Test
  @RequiresFeature(Feature.INTERRUPTION)
  void closingAStoreFromAnotherThreadStopsItsCall() throws Exception {
    try (Engine e = engine(false)) {
      Store<Void> s = e.newStore(null);
      CountDownLatch started = new CountDownLatch(1);
      Func run =
          s.instantiate(e.compile(SpinAfterSignal.WAT), SpinAfterSignal.signalling(started))
              .func("run")
              .orElseThrow();
      Throwable thrown = stopOnceStarted(run, started, s::close);
      TrapException t = assertInstanceOf(TrapException.class, thrown);
      assertEquals(TrapKind.INTERRUPTED, t.kind(), t.getMessage());
      assertThrows(IllegalStateException.class, run::call);
    }
  }

  @Test
  @RequiresFeature(Feature.INTERRUPTION)
  void aStoreUsedFromTwoThreadsAtOnceIsRefused() throws Exception {
    try (Engine e = engine(false);
        Store<Void> s = e.newStore(null)) {
      CountDownLatch started = new CountDownLatch(1);
      Instance i =
          s.instantiate(e.compile(SpinAfterSignal.WAT), SpinAfterSignal.signalling(started));
      Func countDown = s.instantiate(e.compile(Tck.wasm("loops"))).func("count_down").orElseThrow();
      AtomicReference<Throwable> outcome = new AtomicReference<>();
      Func run = i.func("run").orElseThrow();
      Thread runner =
          new Thread(
              () -> {
                try {
                  run.call();
                } catch (Throwable t) {
                  outcome.set(t);
                }
              },
              "LimitsTest runner");
      runner.start();
      assertTrue(started.await(30, TimeUnit.SECONDS), "the runner's call never started");
      IllegalStateException busy =
          assertThrows(
              IllegalStateException.class,
              () -> countDown.call(Value.i64(1)),
              "not refused while another thread spun in the store");
      assertTrue(busy.getMessage().contains("one thread at a time"), busy.getMessage());
      s.interrupt();
      runner.join(10_000);
      assertTrue(!runner.isAlive(), "the spinning call did not stop");
      assertEquals(
          TrapKind.INTERRUPTED, assertInstanceOf(TrapException.class, outcome.get()).kind());
      assertEquals(0L, countDown.call(Value.i64(5))[0].i64(), "usable once the call ended");
    }
  }

  @Test
  @RequiresFeature(Feature.FUEL)
  void fuelBoundsWork() {
    try (Engine e = engine(true);
        Store<Void> s = e.newStore(null, StoreConfig.builder().fuel(10_000).build())) {
      Instance i = s.instantiate(e.compile(Tck.wasm("loops")));
      assertEquals(10_000, s.fuel());
      assertEquals(0L, i.func("count_down").orElseThrow().call(Value.i64(100))[0].i64());
      long left = s.fuel();
      assertTrue(left < 10_000 && left > 0, "fuel left: " + left);
      TrapException t =
          assertThrows(TrapException.class, () -> i.func("spin").orElseThrow().call());
      assertEquals(TrapKind.OUT_OF_FUEL, t.kind());
      s.setFuel(1_000_000);
      assertEquals(0L, i.func("count_down").orElseThrow().call(Value.i64(100))[0].i64());
    }
  }

  @Test
  @Timeout(60)
  @RequiresFeature(Feature.MEMORY_LIMITS)
  void memoryCapsBoundGrowthAndInstantiation() {
    try (Store<Void> s =
        engine.newStore(null, StoreConfig.builder().maxMemoryBytes(2 * 65536).build())) {
      Instance i = s.instantiate(module("memory"));
      Memory m = i.memory("memory").orElseThrow();
      assertEquals(1, m.grow(1));
      assertEquals(-1, m.grow(1), "the cap, not the declared maximum of 4, stops growth");
      assertEquals(-1, i.func("grow").orElseThrow().call(Value.i32(1))[0].i32());
      assertEquals(2, m.pages());
      LimitException big =
          assertThrows(LimitException.class, () -> s.instantiate(module("big_memory")));
      assertTrue(big.getMessage().contains("131072"), big.getMessage());
      assertThrows(LimitException.class, () -> s.newMemory(MemoryType.of(3)));
      assertThrows(
          LimitException.class,
          () -> s.newMemory(MemoryType.of(1)),
          "the instance holds the whole cap");
    }
    try (Store<Void> s =
        engine.newStore(null, StoreConfig.builder().maxMemoryBytes(2 * 65536).build())) {
      Memory host = s.newMemory(MemoryType.of(1));
      assertEquals(1, host.grow(1));
      assertEquals(-1, host.grow(1));
    }
  }
}
