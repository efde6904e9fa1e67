package dev.wasmlayer.wasihost;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Moves bytes between guest buffers (checked iovecs) and host channels or streams through one
 * bounded scratch buffer, so a guest-chosen length costs the host at most {@link #CHUNK} bytes of
 * heap.
 */
final class Transfers {
  static final int CHUNK = 64 * 1024;

  private Transfers() {}

  /**
   * At most this many bytes move in one call, as Linux's read and write: the rest is a short count.
   */
  static final long MAX_TRANSFER = 0x7FFF_F000L;

  /** The buffers cut to {@link #MAX_TRANSFER} bytes in all. */
  static long[] clip(long[] iovs) {
    long left = MAX_TRANSFER;
    long[] out = iovs.clone();
    for (int i = 1; i < out.length; i += 2) {
      out[i] = Math.min(out[i], left);
      left -= out[i];
    }
    return out;
  }

  private static byte[] scratch(long[] iovs) {
    long total = 0;
    for (int i = 1; i < iovs.length; i += 2) {
      total += iovs[i];
    }
    return new byte[(int) Math.min(CHUNK, Math.max(total, 1))];
  }

  /**
   * Reads from {@code ch} (at {@code pos}, or its position when negative) into the buffers; returns
   * bytes read.
   */
  static long read(GuestMemory m, long[] iovs, FileChannel ch, long pos)
      throws IOException, WasiError {
    byte[] buf = scratch(iovs);
    long done = 0;
    for (int i = 0; i < iovs.length; i += 2) {
      for (long off = 0; off < iovs[i + 1]; ) {
        int want = (int) Math.min(buf.length, iovs[i + 1] - off);
        ByteBuffer b = ByteBuffer.wrap(buf, 0, want);
        int n = pos < 0 ? ch.read(b) : ch.read(b, pos + done);
        if (n <= 0) {
          return done;
        }
        m.write(iovs[i] + off, buf, 0, n);
        off += n;
        done += n;
        if (n < want) {
          return done;
        }
      }
    }
    return done;
  }

  /**
   * Writes the buffers to {@code ch} (at {@code pos}, or its position when negative); returns bytes
   * written.
   */
  static long write(GuestMemory m, long[] iovs, FileChannel ch, long pos)
      throws IOException, WasiError {
    byte[] buf = scratch(iovs);
    long done = 0;
    for (int i = 0; i < iovs.length; i += 2) {
      for (long off = 0; off < iovs[i + 1]; ) {
        int n = (int) Math.min(buf.length, iovs[i + 1] - off);
        m.read(iovs[i] + off, buf, n);
        ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
        while (b.hasRemaining()) {
          if (pos < 0) {
            ch.write(b);
          } else {
            ch.write(b, pos + done + (n - b.remaining()));
          }
        }
        off += n;
        done += n;
      }
    }
    return done;
  }

  /**
   * One read from a stream into the buffers (as {@code readv}: returns what one read gave, 0 at the
   * end).
   */
  static long read(GuestMemory m, long[] iovs, InputStream in) throws IOException, WasiError {
    byte[] buf = scratch(iovs);
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      return 0;
    }
    if (n > buf.length) { // a broken stream: never report more than the guest's buffers received
      throw new IOException(
          "the stdin stream "
              + in.getClass().getName()
              + " returned "
              + n
              + " bytes for a read of "
              + buf.length);
    }
    int given = 0;
    for (int i = 0; i < iovs.length && given < n; i += 2) {
      int k = (int) Math.min(iovs[i + 1], n - given);
      m.write(iovs[i], buf, given, k);
      given += k;
    }
    return n;
  }

  static long write(GuestMemory m, long[] iovs, OutputStream out) throws IOException, WasiError {
    byte[] buf = scratch(iovs);
    long done = 0;
    for (int i = 0; i < iovs.length; i += 2) {
      for (long off = 0; off < iovs[i + 1]; ) {
        int n = (int) Math.min(buf.length, iovs[i + 1] - off);
        m.read(iovs[i] + off, buf, n);
        out.write(buf, 0, n);
        off += n;
        done += n;
      }
    }
    out.flush();
    return done;
  }
}
