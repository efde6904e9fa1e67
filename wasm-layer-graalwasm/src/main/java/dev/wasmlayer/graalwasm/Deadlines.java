package dev.wasmlayer.graalwasm;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Daemon threads for interrupting stores: one timer for call deadlines, and a pool that delivers interrupts, because
 * {@code Context.interrupt} waits until the running code has stopped and the caller of {@code Store.interrupt()}
 * should not.
 */
final class Deadlines {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "wasm-layer-graalwasm-deadlines");
    t.setDaemon(true);
    return t;
  });
  private static final ExecutorService INTERRUPTERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "wasm-layer-graalwasm-interrupt");
    t.setDaemon(true);
    return t;
  });

  private Deadlines() {}

  static ScheduledFuture<?> schedule(Runnable action, long nanos) {
    return TIMER.schedule(action, nanos, TimeUnit.NANOSECONDS);
  }

  static void deliver(Runnable interrupt) {
    INTERRUPTERS.execute(interrupt);
  }
}
