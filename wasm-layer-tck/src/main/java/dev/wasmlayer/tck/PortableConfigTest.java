package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Feature;
import dev.wasmlayer.FuelMode;
import dev.wasmlayer.Instance;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * One configuration, unchanged, on every engine: the default {@link EngineConfig} and one {@link
 * StoreConfig} with a deadline and a memory cap give the same deadline, interrupt and cap behaviour
 * everywhere; a setting an engine cannot honour fails with {@link UnsupportedFeatureException}
 * naming the feature, never {@link IllegalStateException}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PortableConfigTest extends TckBase {
  /** Long enough that an interrupt is told apart from the deadline, short enough for a test. */
  private static final Duration DEADLINE = Duration.ofSeconds(3);

  private static final StoreConfig STORE =
      StoreConfig.builder().deadline(DEADLINE).maxMemoryBytes(2 * 65536).build();

  private static Engine defaultEngine() {
    return Engines.create(Tck.provider().id(), EngineConfig.defaults());
  }

  @Test
  void theDefaultsAskForInterruptionAndNoFuel() {
    assertTrue(EngineConfig.defaults().interruption());
    assertEquals(FuelMode.OFF, EngineConfig.defaults().fuelMode());
  }

  @Test
  void aDeadlineStopsALoop() {
    try (Engine e = defaultEngine();
        Store<Void> s = e.newStore(null, STORE)) {
      Instance i = s.instantiate(e.compile(Tck.wasm("loops")));
      long t0 = System.nanoTime();
      TrapException t =
          assertThrows(TrapException.class, () -> i.func("spin").orElseThrow().call());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(TrapKind.INTERRUPTED, t.kind());
      assertTrue(
          ms >= DEADLINE.toMillis() - 50, "stopped after " + ms + " ms, before the deadline");
      assertEquals(
          0L, i.func("count_down").orElseThrow().call(Value.i64(10))[0].i64(), "usable afterwards");
    }
  }

  @Test
  void anInterruptFromAnotherThreadStopsALoopBeforeTheDeadline() throws Exception {
    try (Engine e = defaultEngine();
        Store<Void> s = e.newStore(null, STORE)) {
      CountDownLatch started = new CountDownLatch(1);
      Instance i =
          s.instantiate(e.compile(SpinAfterSignal.WAT), SpinAfterSignal.signalling(started));
      Thread stopper =
          new Thread(
              () -> {
                try {
                  started.await();
                } catch (InterruptedException gone) {
                  return;
                }
                s.interrupt();
              });
      stopper.start();
      long t0 = System.nanoTime();
      TrapException t = assertThrows(TrapException.class, () -> i.func("run").orElseThrow().call());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      stopper.join(10_000);
      assertEquals(TrapKind.INTERRUPTED, t.kind());
      assertTrue(
          ms < DEADLINE.toMillis(),
          "took " + ms + " ms: the deadline, not the interrupt, stopped it");
    }
  }

  @Test
  void theMemoryCapBoundsGrowthAndInstantiation() {
    try (Engine e = defaultEngine();
        Store<Void> s = e.newStore(null, STORE)) {
      Instance i = s.instantiate(e.compile(Tck.wasm("memory")));
      Memory m = i.memory("memory").orElseThrow();
      assertEquals(1, m.grow(1));
      assertEquals(-1, m.grow(1), "the cap stops growth");
      assertEquals(-1, i.func("grow").orElseThrow().call(Value.i32(1))[0].i32());
      assertThrows(LimitException.class, () -> s.instantiate(e.compile(Tck.wasm("big_memory"))));
    }
  }

  @Test
  void interruptionTurnedOffIsRefusedWithTheFeatureOnEveryEngine() {
    EngineConfig off = EngineConfig.builder().interruption(false).build();
    try (Engine e = Engines.create(Tck.provider().id(), off)) {
      refused(Feature.INTERRUPTION, () -> e.newStore(null, STORE));
      try (Store<Void> s =
          e.newStore(null, StoreConfig.builder().maxMemoryBytes(2 * 65536).build())) {
        UnsupportedFeatureException x = refused(Feature.INTERRUPTION, s::interrupt);
        assertTrue(x.getMessage().contains("interruption(false)"), x.getMessage());
        Instance i = s.instantiate(e.compile(Tck.wasm("loops")));
        assertEquals(
            0L, i.func("count_down").orElseThrow().call(Value.i64(10))[0].i64(), "runs without it");
      }
    }
  }

  @Test
  void fuelIfSupportedRunsEverywhereAndMetersWhereItExists() {
    EngineConfig config = EngineConfig.builder().fuel(FuelMode.IF_SUPPORTED).build();
    try (Engine e = Engines.create(Tck.provider().id(), config);
        Store<Void> s = e.newStore(null, StoreConfig.builder().fuel(10_000).build())) {
      Instance i = s.instantiate(e.compile(Tck.wasm("loops")));
      assertEquals(0L, i.func("count_down").orElseThrow().call(Value.i64(100))[0].i64());
      if (e.supports(Feature.FUEL)) {
        assertTrue(s.fuel() < 10_000, "fuel was metered: " + s.fuel());
        TrapException t =
            assertThrows(TrapException.class, () -> i.func("spin").orElseThrow().call());
        assertEquals(TrapKind.OUT_OF_FUEL, t.kind());
      } else {
        refused(Feature.FUEL, s::fuel);
        refused(Feature.FUEL, () -> s.setFuel(5));
      }
    }
  }

  @Test
  void fuelRequiredIsRefusedInCreateByEnginesWithoutIt() {
    EngineConfig config = EngineConfig.builder().fuel(true).build();
    if (Tck.features().contains(Feature.FUEL)) {
      Engines.create(Tck.provider().id(), config).close();
    } else {
      refused(Feature.FUEL, () -> Engines.create(Tck.provider().id(), config).close());
    }
  }

  @Test
  void fuelLeftOffIsRefusedWithTheFeatureOnEveryEngine() {
    try (Engine e = defaultEngine()) {
      refused(Feature.FUEL, () -> e.newStore(null, StoreConfig.builder().fuel(10).build()));
      try (Store<Void> s = e.newStore(null)) {
        refused(Feature.FUEL, s::fuel);
        refused(Feature.FUEL, () -> s.setFuel(10));
      }
    }
  }

  private static UnsupportedFeatureException refused(Feature feature, Executable call) {
    UnsupportedFeatureException x = assertThrows(UnsupportedFeatureException.class, call);
    assertEquals(feature, x.feature(), x.getMessage());
    assertEquals(Tck.provider().id(), x.engineId());
    return x;
  }
}
