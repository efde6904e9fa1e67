package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.tck.support.Components;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Component calls under the store's limits, as core calls ({@code src/main/components/limits.wat}):
 * deadlines and interrupts stop a spinning call, fuel runs out, the memory cap stops growth, and a
 * store admits one thread at a time.
 *
 * <p>A component instance that trapped may not be entered again (wasmtime poisons it), so after
 * each trap these tests only close that store and go on in a fresh one.
 */
@RequiresFeature(Feature.COMPONENTS)
@Timeout(120)
class ComponentLimitsTest extends TckBase {
  static final String API = "tck:limits/api";
  static final String HOST = "tck:limits/host";

  private Component limits;

  @AfterAll
  void closeComponent() {
    if (limits != null) {
      limits.close();
    }
  }

  private Component limits(Engine e) {
    if (e != engine) {
      return e.compileComponent(Components.read(Components.require(), "limits"));
    }
    if (limits == null) {
      limits = engine.compileComponent(Components.read(Components.require(), "limits"));
    }
    return limits;
  }

  private ComponentInstance instance(Store<?> s, Component c, CountDownLatch started) {
    return s.instantiate(
        c,
        ComponentImports.builder()
            .func(
                HOST,
                "started",
                WitFuncType.of(null),
                args -> {
                  started.countDown();
                  return null;
                })
            .build());
  }

  private ComponentInstance instance(Store<?> s) {
    return instance(s, limits(engine), new CountDownLatch(1));
  }

  private static ComponentFunc fn(ComponentInstance i, String name) {
    return i.func(API, name).orElseThrow(() -> new AssertionError("no export " + API + "#" + name));
  }

  /** A fresh store and instance of {@code engine} work after a trap. */
  private void aFreshStoreWorks(Engine e, Component c) {
    try (Store<Void> s = e.newStore(null)) {
      assertEquals(
          10L, fn(instance(s, c, new CountDownLatch(1)), "count").call(10L), "a fresh store works");
    }
  }

  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.INTERRUPTION})
  void aDeadlineStopsASpinningCall() {
    try (Store<Void> s =
        engine.newStore(null, StoreConfig.builder().deadline(Duration.ofMillis(200)).build())) {
      ComponentInstance i = instance(s);
      assertEquals(1000L, fn(i, "count").call(1000L), "within the deadline");
      TrapException t =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30), () -> assertThrows(TrapException.class, fn(i, "spin")::call));
      assertEquals(TrapKind.INTERRUPTED, t.kind(), t.toString());
    }
    aFreshStoreWorks(engine, limits(engine));
  }

  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.INTERRUPTION})
  void anInterruptFromAnotherThreadStopsASpinningCall() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Store<Void> s = engine.newStore(null)) {
      ComponentInstance i = instance(s, limits(engine), started);
      ComponentFunc spin = fn(i, "spin");
      Future<Object> running = pool.submit(() -> spin.call());
      assertTrue(started.await(30, TimeUnit.SECONDS), "the guest did not start spinning");
      s.interrupt();
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> running.get(30, TimeUnit.SECONDS));
      TrapException t = assertTrap(e.getCause());
      assertEquals(TrapKind.INTERRUPTED, t.kind(), t.toString());
    } finally {
      pool.shutdownNow();
    }
    aFreshStoreWorks(engine, limits(engine));
  }

  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.INTERRUPTION})
  void aStoreAdmitsOneThreadAtATime() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Store<Void> s = engine.newStore(null)) {
      ComponentInstance i = instance(s, limits(engine), started);
      ComponentFunc spin = fn(i, "spin");
      ComponentFunc count = fn(i, "count");
      Future<Object> running = pool.submit(() -> spin.call());
      assertTrue(started.await(30, TimeUnit.SECONDS), "the guest did not start spinning");
      assertThrows(IllegalStateException.class, () -> count.call(1L), "a second thread");
      assertThrows(IllegalStateException.class, () -> fn(i, "grow"), "even to look a function up");
      s.interrupt();
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> running.get(30, TimeUnit.SECONDS));
      assertTrap(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    aFreshStoreWorks(engine, limits(engine));
  }

  private static TrapException assertTrap(Throwable t) {
    if (t instanceof TrapException trap) {
      return trap;
    }
    throw new AssertionError("expected a TrapException, got " + t, t);
  }

  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.FUEL})
  void fuelRunsOut() {
    try (Engine e =
            Engines.create(Tck.provider().id(), Tck.config().toBuilder().fuel(true).build());
        Component c = limits(e)) {
      try (Store<Void> s = e.newStore(null, StoreConfig.builder().fuel(100_000).build())) {
        ComponentInstance i = instance(s, c, new CountDownLatch(1));
        assertEquals(10L, fn(i, "count").call(10L));
        long left = s.fuel();
        assertTrue(left < 100_000 && left > 0, "fuel left: " + left);
        TrapException t =
            assertThrows(TrapException.class, () -> fn(i, "count").call(Long.MAX_VALUE));
        assertEquals(TrapKind.OUT_OF_FUEL, t.kind(), t.toString());
      }
      aFreshStoreWorks(e, c);
    }
  }

  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.MEMORY_LIMITS})
  void theMemoryCapStopsGrowth() {
    try (Store<Void> s =
        engine.newStore(null, StoreConfig.builder().maxMemoryBytes(4 * 65536).build())) {
      ComponentInstance i = instance(s);
      ComponentFunc grow = fn(i, "grow");
      assertEquals(1, grow.call(2), "1 page, grown to 3");
      assertEquals(-1, grow.call(2), "5 pages exceed the cap of 4");
      assertEquals(3, grow.call(1), "up to the cap");
      assertEquals(-1, grow.call(1));
      assertEquals(5, fn(i, "length").call("hello"), "strings still fit in what is left");
    }
    try (Store<Void> s =
        engine.newStore(null, StoreConfig.builder().maxMemoryBytes(2 * 65536).build())) {
      ComponentInstance i = instance(s);
      // the host copies the argument in through the guest's realloc, whose memory.grow fails
      TrapException t =
          assertThrows(TrapException.class, () -> fn(i, "length").call("x".repeat(1 << 20)));
      System.out.println("wasm-layer: " + engine.id() + " component string over the cap: " + t);
    }
    aFreshStoreWorks(engine, limits(engine));
  }
}
