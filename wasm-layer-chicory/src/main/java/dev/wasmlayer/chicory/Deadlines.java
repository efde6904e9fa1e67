package dev.wasmlayer.chicory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One daemon timer for every store's call deadlines. */
final class Deadlines {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "wasm-layer-chicory-deadlines");
    t.setDaemon(true);
    return t;
  });

  private Deadlines() {}

  static ScheduledFuture<?> schedule(Runnable action, long nanos) {
    return TIMER.schedule(action, nanos, TimeUnit.NANOSECONDS);
  }
}
