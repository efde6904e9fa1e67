package dev.wasmlayer.spi.support.internal;

import dev.wasmlayer.Global;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.Value;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What is left of one store limit (memory bytes or table elements), shared by everything in the
 * store. The amount lives in a Java field until {@link #moveTo(Global) moved} into the global that
 * rewritten modules ({@link GrowCounting}) update from wasm themselves; from then on that global is
 * the only count.
 *
 * <p>Synchronized although a store runs on one thread: a host may grow a memory while no call runs
 * on any thread, and these calls are rare (creation and growth only).
 */
public final class Budget {
  /**
   * Made only for a message: a store is made per request on some servers, and it should not format
   * text.
   */
  private final Supplier<String> description;

  private final long limit;
  private long remaining;
  private Global global;

  /**
   * A budget of {@code limit} ({@link Long#MAX_VALUE}: no cap).
   *
   * @param description the limit as error messages name it, e.g. "memory cap of 65536 bytes"
   */
  public Budget(String description, long limit) {
    this(() -> description, limit);
  }

  /**
   * A budget of {@code limit} whose description is made when a message needs it.
   *
   * @param description the limit as error messages name it
   * @param limit the limit ({@link Long#MAX_VALUE}: no cap)
   */
  public Budget(Supplier<String> description, long limit) {
    this.description = description;
    this.limit = limit;
    this.remaining = limit;
  }

  /** The limit ({@link Long#MAX_VALUE}: no cap). */
  public long limit() {
    return limit;
  }

  /** What is left. */
  public synchronized long remaining() {
    return global != null ? global.get().i64() : remaining;
  }

  private void set(long value) {
    if (global != null) {
      global.set(Value.i64(value));
    } else {
      remaining = value;
    }
  }

  /** From now on the count lives in {@code g} (a mutable i64 global of the same store). */
  public synchronized void moveTo(Global g) {
    g.set(Value.i64(remaining()));
    global = g;
  }

  /** Takes {@code amount} if that much is left. */
  public synchronized boolean tryTake(long amount) {
    long left = remaining();
    if (amount < 0 || amount > left) {
      return false;
    }
    set(left - amount);
    return true;
  }

  /**
   * Takes {@code amount}.
   *
   * @param what what needs it, for the message ("a memory of 3 pages")
   * @throws LimitException if less is left
   */
  public synchronized void take(long amount, String what) {
    take(amount, () -> what);
  }

  /**
   * Takes {@code amount}, making the message only if it does not fit.
   *
   * @param amount how much
   * @param what what needs it, for the message
   * @throws LimitException if less is left
   */
  public synchronized void take(long amount, Supplier<String> what) {
    if (!tryTake(amount)) {
      throw new LimitException(
          "the store's "
              + description.get()
              + " has "
              + remaining()
              + " left, not enough for "
              + what.get());
    }
  }

  /** Gives back what a failed growth or creation took. */
  public synchronized void give(long amount) {
    long left = remaining();
    set(amount > limit - left ? limit : left + amount);
  }

  /**
   * Grows something by {@code amount} if that much is left: runs {@code grow} (which returns the
   * old size or -1) and gives the amount back when it fails.
   *
   * @return what {@code grow} returned, or -1 without running it
   */
  public long grow(long amount, LongSupplier grow) {
    if (!tryTake(amount)) {
      return -1;
    }
    long old;
    try {
      old = grow.getAsLong();
    } catch (RuntimeException | Error e) {
      give(amount);
      throw e;
    }
    if (old < 0) {
      give(amount);
    }
    return old;
  }

  /**
   * {@code pages} of {@code pageSize} bytes, or {@link Long#MAX_VALUE} if that overflows (no budget
   * holds it).
   */
  public static long bytes(long pages, long pageSize) {
    return pages > Long.MAX_VALUE / pageSize ? Long.MAX_VALUE : pages * pageSize;
  }
}
