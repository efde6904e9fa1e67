package dev.wasmlayer.tck.support;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * For the tests tagged {@code slow} that check what the garbage collector frees: asks for collections until a
 * condition holds. Between two requests it waits for proof that a collection ran (a fresh sentinel's weak reference
 * enqueued), never for a fixed time.
 */
public final class Gc {
  private Gc() {}

  /** {@return whether {@code done} held before {@code limit} passed}, asking for a collection each time it did not */
  public static boolean collectUntil(BooleanSupplier done, Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      collect(Duration.ofNanos(left));
    }
    return true;
  }

  /** Asks for one collection and waits (up to {@code limit}) until a sentinel shows that one ran. */
  public static void collect(Duration limit) throws InterruptedException {
    ReferenceQueue<Object> queue = new ReferenceQueue<>();
    WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
    System.gc();
    queue.remove(Math.max(1, TimeUnit.NANOSECONDS.toMillis(limit.toNanos())));
    Reference.reachabilityFence(sentinel); // the reference itself must stay reachable to be enqueued
  }
}
