package dev.wasmlayer.spi.support.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A growing binary module, with the format's integer encodings, written once into one buffer that a
 * {@link Space} gives (the Java heap, or memory an engine owns). Sizes that are known only after
 * their content are written as five-byte LEB128 slots ({@link #slot}) and filled in afterwards
 * ({@link #fill}), so nothing is built apart and copied.
 */
final class ByteSink {
  /**
   * The width of a size slot: the longest LEB128 of a u32 (padding with continuation bits is
   * valid).
   */
  static final int SLOT = 5;

  private final Space space;
  private ByteBuffer buf;
  private int pos;

  ByteSink(Space space, int capacity) {
    this.space = space;
    this.buf = space.take(Math.max(capacity, 16));
  }

  /** A sink on the heap. */
  ByteSink() {
    this(Space.HEAP, 64);
  }

  private void ensure(int more) {
    if (more > buf.capacity() - pos) {
      long wanted = Math.max((long) pos + more, buf.capacity() + (buf.capacity() >> 1));
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("a rewritten module over 2 GiB");
      }
      ByteBuffer next = space.take((int) wanted);
      next.put(0, buf, 0, pos);
      space.give(buf);
      buf = next;
    }
  }

  ByteSink u8(int v) {
    ensure(1);
    buf.put(pos++, (byte) v);
    return this;
  }

  /** Several single-byte instructions or immediates. */
  ByteSink ops(int... bytes) {
    for (int v : bytes) {
      u8(v);
    }
    return this;
  }

  /** An unsigned LEB128. */
  ByteSink u64(long v) {
    ensure(10);
    do {
      int x = (int) (v & 0x7F);
      v >>>= 7;
      buf.put(pos++, (byte) (v != 0 ? x | 0x80 : x));
    } while (v != 0);
    return this;
  }

  /** A small signed LEB128 ({@code i32.const}/{@code i64.const} immediates up to 63). */
  ByteSink s7(int v) {
    if (v < -64 || v > 63) {
      throw new IllegalArgumentException("not a one-byte constant: " + v);
    }
    return u8(v & 0x7F);
  }

  ByteSink copy(byte[] b, int from, int to) {
    int n = to - from;
    ensure(n);
    buf.put(pos, b, from, n);
    pos += n;
    return this;
  }

  ByteSink bytes(byte[] b) {
    return copy(b, 0, b.length);
  }

  /** A length-prefixed UTF-8 name. */
  ByteSink name(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return u64(b.length).bytes(b);
  }

  /**
   * Leaves room for a size and returns where; {@link #fill} writes it once what it measures is
   * written.
   */
  int slot() {
    ensure(SLOT);
    int at = pos;
    pos += SLOT;
    return at;
  }

  /** Writes into the slot at {@code at} the number of bytes written after it. */
  void fill(int at) {
    long v = pos - at - SLOT;
    for (int i = 0; i < SLOT; i++) {
      int x = (int) (v & 0x7F);
      v >>>= 7;
      buf.put(at + i, (byte) (i < SLOT - 1 ? x | 0x80 : x));
    }
  }

  int size() {
    return pos;
  }

  /**
   * The bytes written, as a buffer from position 0 to its limit (the sink's own buffer: no copy).
   */
  ByteBuffer finish() {
    return buf.limit(pos).position(0);
  }
}
