package dev.wasmlayer.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attacks the store runtime's ownership rules directly: a store bound to one thread (entered
 * without an atomic operation) must still exclude every other thread, move between threads, and be
 * freed exactly once, never while anyone is inside.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StoreOwnershipTest {
  /** Runs each case's threads; shut down after every case. */
  private final ExecutorService pool = Executors.newCachedThreadPool();

  /** How many threads are inside the store now: more than one is the bug these tests look for. */
  private final AtomicInteger inside = new AtomicInteger();

  private final AtomicInteger frees = new AtomicInteger();
  private final AtomicBoolean freedWhileInside = new AtomicBoolean();

  @AfterEach
  void shutDown() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  private StoreRuntime runtime() {
    return new StoreRuntime(
        StopSignal.NONE,
        null,
        () -> {
          if (inside.get() != 0) {
            freedWhileInside.set(true);
          }
          frees.incrementAndGet();
        });
  }

  /**
   * One use of the store: a call or an access, checking that nobody else is inside. Returns false
   * if refused.
   */
  private boolean use(StoreRuntime rt, boolean call) {
    long token;
    try {
      token = call ? rt.enterCall() : rt.enterAccess();
    } catch (IllegalStateException refused) {
      return false;
    }
    try {
      int now = inside.incrementAndGet();
      assertEquals(1, now, "two threads inside one store");
      inside.decrementAndGet();
      return true;
    } finally {
      if (call) {
        rt.exitCall(token);
      } else {
        rt.exitAccess(token);
      }
    }
  }

  @Test
  void twoThreadsHammeringNeverOverlap() throws Exception {
    StoreRuntime rt = runtime();
    assertTrue(
        use(rt, true)); // bound to this thread first: the other must take it from a bound owner
    int rounds = Integer.getInteger("wasmlayer.ownership.rounds", 200_000);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      boolean call = t == 0;
      results.add(
          pool.submit(
              () -> {
                go.await();
                int ok = 0;
                for (int i = 0; i < rounds; i++) {
                  if (use(rt, call)) {
                    ok++;
                  }
                }
                return ok;
              }));
    }
    go.countDown();
    int total = 0;
    for (Future<Integer> f : results) {
      total += f.get(50, TimeUnit.SECONDS);
    }
    assertTrue(total > 0, "nobody ever got the store");
    rt.close();
    assertEquals(1, frees.get());
    assertFalse(freedWhileInside.get());
  }

  @Test
  void aTakerNeverGetsInUnderTheBoundThread() throws Exception {
    int rounds = Integer.getInteger("wasmlayer.ownership.takeRounds", 500);
    int taken = 0;
    for (int r = 0; r < rounds; r++) {
      StoreRuntime rt = runtime(); // fresh: bound to the user below, never yet shared
      boolean call = r % 2 == 0;
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch bound = new CountDownLatch(1);
      Future<?> user =
          pool.submit(
              () -> {
                use(rt, call);
                bound.countDown();
                while (!stop.get()) {
                  use(rt, true); // refused once the taker has it: then the store is shared
                }
                return null;
              });
      assertTrue(bound.await(10, TimeUnit.SECONDS));
      if (use(rt, !call)) {
        taken++;
      }
      stop.set(true);
      user.get(10, TimeUnit.SECONDS);
    }
    assertTrue(taken > 0 || rounds < 50, "the taker never got the store in " + rounds + " rounds");
  }

  @Test
  void aStoreHandedBetweenThreadsFollowsItsUser() throws Exception {
    StoreRuntime rt = runtime();
    for (int i = 0; i < 50; i++) {
      boolean call = i % 2 == 0;
      assertTrue(pool.submit(() -> use(rt, call)).get(10, TimeUnit.SECONDS), "hand-off " + i);
      assertTrue(use(rt, true), "back on the test thread " + i);
    }
    rt.close();
    assertEquals(1, frees.get());
  }

  @Test
  void aStoreBoundToADeadThreadCanBeTaken() throws Exception {
    StoreRuntime rt = runtime();
    Thread t = new Thread(() -> use(rt, true));
    t.start();
    t.join(10_000);
    assertFalse(t.isAlive());
    assertTrue(use(rt, true));
    rt.close();
    assertEquals(1, frees.get());
  }

  @Test
  void closeFromAnotherThreadFreesAnIdleBoundStoreAtOnce() throws Exception {
    StoreRuntime rt = runtime();
    assertTrue(use(rt, true));
    pool.submit(rt::close).get(10, TimeUnit.SECONDS);
    assertEquals(1, frees.get());
    assertThrows(IllegalStateException.class, rt::enterCall);
    assertThrows(IllegalStateException.class, rt::enterAccess);
  }

  @Test
  void closeFromTheBoundThreadWhileIdleFreesAtOnce() {
    StoreRuntime rt = runtime();
    assertTrue(use(rt, false));
    rt.close();
    assertEquals(1, frees.get());
    assertThrows(IllegalStateException.class, rt::enterCall);
  }

  @Test
  void closeFromAnotherThreadWaitsForTheOwnerToLeave() throws Exception {
    StoreRuntime rt = runtime();
    CountDownLatch in = new CountDownLatch(1);
    CountDownLatch leave = new CountDownLatch(1);
    Future<?> owner =
        pool.submit(
            () -> {
              long token = rt.enterAccess();
              try {
                inside.incrementAndGet();
                in.countDown();
                leave.await(20, TimeUnit.SECONDS);
                inside.decrementAndGet();
              } finally {
                rt.exitAccess(token);
              }
              return null;
            });
    assertTrue(in.await(10, TimeUnit.SECONDS));
    Future<?> closing = pool.submit(rt::close);
    assertThrows(IllegalStateException.class, rt::enterCall, "a third thread is refused meanwhile");
    assertEquals(0, frees.get(), "freed under a running access");
    leave.countDown();
    owner.get(10, TimeUnit.SECONDS);
    closing.get(10, TimeUnit.SECONDS);
    assertEquals(1, frees.get());
    assertFalse(freedWhileInside.get());
  }

  @Test
  void closeRacingTheBoundThreadFreesOnceAndNeverUnderIt() throws Exception {
    int rounds = Integer.getInteger("wasmlayer.ownership.closeRounds", 300);
    for (int r = 0; r < rounds; r++) {
      StoreRuntime rt = runtime();
      int before = frees.get();
      CountDownLatch bound = new CountDownLatch(1);
      Future<?> user =
          pool.submit(
              () -> {
                use(rt, true);
                bound.countDown();
                while (use(rt, true)) {
                  // until the close lands: then every entry is refused
                }
              });
      assertTrue(bound.await(10, TimeUnit.SECONDS));
      rt.close();
      user.get(10, TimeUnit.SECONDS);
      assertEquals(before + 1, frees.get(), "round " + r);
      assertFalse(freedWhileInside.get(), "round " + r);
    }
  }

  @Test
  void nestedEntriesByTheOwnerSurviveAConcurrentTaker() throws Exception {
    StoreRuntime rt = runtime();
    long outer = rt.enterCall();
    try {
      Future<Boolean> other = pool.submit(() -> use(rt, true));
      assertFalse(other.get(10, TimeUnit.SECONDS), "another thread got in under a running call");
      long inner = rt.enterAccess(); // a host function touching memory
      rt.exitAccess(inner);
      long again = rt.enterCall(); // and calling back into wasm
      rt.exitCall(again);
    } finally {
      rt.exitCall(outer);
    }
    assertTrue(use(rt, true));
    rt.close();
    assertEquals(1, frees.get());
  }
}
