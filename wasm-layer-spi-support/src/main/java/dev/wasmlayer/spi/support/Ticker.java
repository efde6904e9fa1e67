package dev.wasmlayer.spi.support;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread for every store's deadlines and undelivered stops: every {@link #PERIOD_NANOS}
 * it asks each watched runtime to check itself. A store that is dropped without being closed is
 * held only weakly. The thread parks while nothing is watched.
 */
final class Ticker {
  static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private static final Map<Long, WeakReference<StoreRuntime>> WATCHED = new ConcurrentHashMap<>();
  private static final AtomicLong GENERATION = new AtomicLong();
  private static volatile Thread thread;

  private Ticker() {}

  /** Ticks {@code rt} until it is freed (a store with a deadline). */
  static void watch(StoreRuntime rt) {
    add(rt);
  }

  /** Ticks {@code rt} until its pending stop is delivered or its call ends. */
  static void retry(StoreRuntime rt) {
    add(rt);
  }

  static void forget(StoreRuntime rt) {
    WATCHED.remove(rt.id);
  }

  private static void add(StoreRuntime rt) {
    WATCHED.putIfAbsent(rt.id, new WeakReference<>(rt));
    GENERATION.incrementAndGet();
    Thread t = thread;
    if (t == null || !t.isAlive()) {
      start();
    } else {
      LockSupport.unpark(t);
    }
  }

  private static synchronized void start() {
    if (thread == null || !thread.isAlive()) {
      Thread t = new Thread(Ticker::run, "wasm-layer-stops");
      t.setDaemon(true);
      thread = t;
      t.start();
    }
  }

  private static void run() {
    while (true) {
      long seen = GENERATION.get();
      long now = System.nanoTime();
      for (Map.Entry<Long, WeakReference<StoreRuntime>> e : WATCHED.entrySet()) {
        StoreRuntime rt = e.getValue().get();
        boolean keep;
        try {
          keep = rt != null && rt.tick(now);
        } catch (Throwable broken) {
          keep =
              true; // a failing signal must not stop this timer for every other store; it is tried
          // again
        }
        if (!keep && WATCHED.remove(e.getKey(), e.getValue()) && rt != null && rt.tick(now)) {
          WATCHED.putIfAbsent(
              e.getKey(), e.getValue()); // a retry() raced the removal: keep ticking it
        }
      }
      if (WATCHED.isEmpty() && GENERATION.get() == seen) {
        LockSupport.park(Ticker.class);
      } else {
        LockSupport.parkNanos(Ticker.class, PERIOD_NANOS);
      }
    }
  }
}
