package dev.wasmlayer.wasihost;

import static dev.wasmlayer.wasihost.GuestMemory.u32;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code poll_oneoff}: descriptors are always ready (files, and streams, which block in the read
 * itself), so it waits only when every subscription is a clock, in slices that let a store's
 * deadline or interrupt end the wait.
 */
final class Poll {
  static final int SUBSCRIPTION = 48;
  static final int EVENT = 32;

  /** Subscriptions per call: bounds the host's buffers whatever the guest's memory size. */
  static final int MAX_SUBSCRIPTIONS = 4096;

  private static final int CLOCK = 0;
  private static final int FD_READ = 1;
  private static final int FD_WRITE = 2;
  private static final int ABSTIME = 1;
  private static final long FOREVER = Long.MAX_VALUE / 4;
  private static final long SLICE = TimeUnit.MILLISECONDS.toNanos(10);

  private final WasiContext cx;

  Poll(WasiContext cx) {
    this.cx = cx;
  }

  int poll(GuestMemory m, long[] a) throws WasiError, IOException {
    long in = u32(a[0]);
    long out = u32(a[1]);
    long n = u32(a[2]);
    long neventsPtr = u32(a[3]);
    if (n == 0) {
      return Errno.INVAL;
    }
    m.check(in, n * SUBSCRIPTION);
    m.check(out, n * EVENT);
    m.check(neventsPtr, 4);
    if (n > MAX_SUBSCRIPTIONS) {
      return Errno.INVAL;
    }
    ByteBuffer subs = ByteBuffer.wrap(m.read(in, n * SUBSCRIPTION)).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer events = GuestMemory.struct((int) n * EVENT);
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (subs.get(i * SUBSCRIPTION + 8) != CLOCK) {
        count = fdEvent(subs, i * SUBSCRIPTION, events, count);
      }
    }
    long start = System.nanoTime();
    long[] due = new long[(int) n]; // host nanoTime at which each clock fires
    long soonest = Long.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      int base = i * SUBSCRIPTION;
      if (subs.get(base + 8) == CLOCK) {
        due[i] = start + waitNanos(subs, base);
        soonest = Math.min(soonest, due[i] - start);
      }
    }
    if (count == 0 && !sleep(start, soonest)) {
      return Errno.INTR;
    }
    long now = System.nanoTime();
    for (int i = 0; i < n; i++) {
      int base = i * SUBSCRIPTION;
      if (subs.get(base + 8) == CLOCK && due[i] - now <= 0) {
        int id = subs.getInt(base + 16);
        boolean valid = id >= ProcessCalls.REALTIME && id <= ProcessCalls.THREAD_CPUTIME;
        count =
            event(events, count, subs.getLong(base), valid ? Errno.SUCCESS : Errno.INVAL, CLOCK, 0);
      }
    }
    m.write(out, events.array(), 0, count * EVENT);
    m.writeI32(neventsPtr, count);
    return Errno.SUCCESS;
  }

  /** How long until a clock subscription is due (0 for a bad clock: it is reported at once). */
  private long waitNanos(ByteBuffer subs, int base) {
    int id = subs.getInt(base + 16);
    long timeout = subs.getLong(base + 24);
    try {
      if ((subs.getShort(base + 40) & ABSTIME) == 0) {
        ProcessCalls.checkClock(id);
        return timeout < 0
            ? FOREVER
            : timeout; // a u64 past Long.MAX_VALUE: longer than any store lives
      }
      return Math.max(0, timeout - ProcessCalls.now(cx, id));
    } catch (WasiError bad) {
      return 0;
    }
  }

  private int fdEvent(ByteBuffer subs, int base, ByteBuffer events, int count) throws IOException {
    int type = subs.get(base + 8);
    long userdata = subs.getLong(base);
    if (type != FD_READ && type != FD_WRITE) {
      return event(events, count, userdata, Errno.INVAL, type, 0);
    }
    long fd = u32(subs.getInt(base + 16));
    Descriptor d;
    try {
      d = cx.fds.get(fd);
    } catch (WasiError e) {
      return event(events, count, userdata, Errno.BADF, type, 0);
    }
    long ready = 0;
    if (type == FD_READ && d instanceof OpenFile f) {
      ready = Math.max(0, f.channel.size() - f.channel.position());
    } else if (type == FD_READ && d instanceof StreamIn s) {
      ready = s.in.available();
    }
    return event(events, count, userdata, Errno.SUCCESS, type, ready);
  }

  private static int event(
      ByteBuffer events, int count, long userdata, int error, int type, long nbytes) {
    int at = count * EVENT;
    events
        .putLong(at, userdata)
        .putShort(at + 8, (short) error)
        .put(at + 10, (byte) type)
        .putLong(at + 16, nbytes)
        .putShort(at + 24, (short) 0);
    events.position(at + EVENT);
    return count + 1;
  }

  /**
   * Waits until {@code nanos} after {@code start}; false if the store asked the call to stop first.
   */
  private boolean sleep(long start, long nanos) {
    for (long left = nanos; left > 0; left = nanos - (System.nanoTime() - start)) {
      if (cx.stopRequested.getAsBoolean()) {
        return false;
      }
      LockSupport.parkNanos(Math.min(left, SLICE));
    }
    return true;
  }
}
