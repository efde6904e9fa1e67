package dev.wasmlayer.tck.support;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * For the tests tagged {@code slow} that check what the garbage collector frees: asks for
 * collections until a condition holds. Between two requests it waits for proof that a collection
 * ran (a fresh sentinel's weak reference enqueued), never for a fixed time.
 */
public final class Gc {
  private Gc() {}

  /**
   * Asks for collections until {@code done} holds.
   *
   * @param done the condition, checked before each collection
   * @param limit how long to keep trying
   * @return whether {@code done} held before {@code limit} passed
   * @throws InterruptedException if interrupted while waiting for a collection
   */
  public static boolean collectUntil(BooleanSupplier done, Duration limit)
      throws InterruptedException {
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

  /**
   * Asks for one collection and waits until a sentinel shows that one ran.
   *
   * @param limit the longest wait
   * @throws InterruptedException if interrupted while waiting
   */
  public static void collect(Duration limit) throws InterruptedException {
    ReferenceQueue<Object> queue = new ReferenceQueue<>();
    WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
    System.gc();
    queue.remove(Math.max(1, TimeUnit.NANOSECONDS.toMillis(limit.toNanos())));
    Reference.reachabilityFence(
        sentinel); // the reference itself must stay reachable to be enqueued
  }
}
