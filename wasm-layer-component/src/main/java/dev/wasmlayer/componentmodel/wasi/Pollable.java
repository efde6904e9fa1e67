package dev.wasmlayer.componentmodel.wasi;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * The Java object behind a {@code wasi:io/poll.pollable}. Streams here are blocking Java streams
 * and files, so their pollables are always ready; a clock's is ready at a monotonic deadline.
 */
final class Pollable {
  /** The longest single sleep, so a stop request (deadline, interrupt) is seen soon. */
  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final Clocks clocks;
  private final long deadline;
  private final boolean always;

  private Pollable(Clocks clocks, long deadline, boolean always) {
    this.clocks = clocks;
    this.deadline = deadline;
    this.always = always;
  }

  /** A pollable that is ready now and always. */
  static Pollable ready() {
    return new Pollable(null, 0, true);
  }

  /** A pollable ready once monotonic time reaches {@code deadline} (unsigned nanoseconds). */
  static Pollable at(Clocks clocks, long deadline) {
    return new Pollable(clocks, deadline, false);
  }

  /** Ready after {@code duration} unsigned nanoseconds from now, saturating. */
  static Pollable after(Clocks clocks, long duration) {
    long now = clocks.monotonicNow();
    long when = now + duration;
    if (Long.compareUnsigned(when, now) < 0) {
      when = -1L; // u64 max: never, in practice
    }
    return at(clocks, when);
  }

  boolean isReady() {
    return always || Long.compareUnsigned(clocks.monotonicNow(), deadline) >= 0;
  }

  /** Nanoseconds until ready by the store's clock, 0 if ready. */
  long remaining() {
    if (always) {
      return 0;
    }
    long now = clocks.monotonicNow();
    return Long.compareUnsigned(now, deadline) >= 0 ? 0 : deadline - now;
  }

  /**
   * Waits until one of {@code pollables} is ready and returns the indices of the ready ones. Waits
   * run in real time for what the store's clock says is left (an injected clock that stands still
   * does not hang the guest), and end early when {@code stop} turns true.
   */
  static int[] poll(List<Pollable> pollables, BooleanSupplier stop) throws InterruptedException {
    if (pollables.isEmpty()) {
      throw new IllegalArgumentException("poll with an empty list of pollables");
    }
    long least = Long.MAX_VALUE;
    for (Pollable p : pollables) {
      long r = p.remaining();
      least = Long.compareUnsigned(r, least) < 0 ? r : least;
    }
    if (least != 0) {
      sleep(least, stop);
    }
    long waited = least;
    return IntStream.range(0, pollables.size())
        .filter(
            i ->
                pollables.get(i).isReady()
                    || Long.compareUnsigned(pollables.get(i).remaining(), waited) <= 0)
        .toArray();
  }

  /** Blocks until ready (see {@link #poll}). */
  void block(BooleanSupplier stop) throws InterruptedException {
    long r = remaining();
    if (r != 0) {
      sleep(r, stop);
    }
  }

  /** Sleeps {@code nanos} (unsigned: beyond Long.MAX_VALUE is as long as that). */
  private static void sleep(long nanos, BooleanSupplier stop) throws InterruptedException {
    nanos = nanos < 0 ? Long.MAX_VALUE : nanos;
    long end = System.nanoTime() + nanos;
    for (long left = nanos; left > 0 && !stop.getAsBoolean(); left = end - System.nanoTime()) {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, SLICE_NANOS));
    }
  }
}
