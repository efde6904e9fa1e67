package dev.wasmlayer.spi.support.internal;

/**
 * A position in a binary module, the format's integer encodings and its section headers: the one
 * walker that every reader and rewrite of binary modules here (and in the backends) uses. Running
 * off the end throws {@link IndexOutOfBoundsException}; a bad encoding or a section past the end,
 * {@link IllegalArgumentException}.
 */
public final class ByteReader {
  /**
   * A section: its id, where its header starts, where its payload starts and ends.
   *
   * @param id the section id
   * @param start the offset of its id byte
   * @param payload the offset of its first payload byte
   * @param end the offset just past its payload
   */
  public record Section(int id, int start, int payload, int end) {
    /** {@return the payload's length in bytes} */
    public int size() {
      return end - payload;
    }
  }

  final byte[] b;
  int pos;

  /**
   * A reader at {@code pos}.
   *
   * @param b the module's bytes
   * @param pos where to start
   */
  public ByteReader(byte[] b, int pos) {
    this.b = b;
    this.pos = pos;
  }

  /**
   * {@return a reader at the first section of {@code wasm}}
   *
   * @param wasm a binary module
   * @throws IllegalArgumentException if it does not start with the binary magic
   */
  public static ByteReader module(byte[] wasm) {
    if (wasm.length < 8 || wasm[0] != 0 || wasm[1] != 'a' || wasm[2] != 's' || wasm[3] != 'm') {
      throw new IllegalArgumentException("not a binary module (magic)");
    }
    return new ByteReader(wasm, 8);
  }

  /** {@return the current offset} */
  public int pos() {
    return pos;
  }

  /**
   * Moves to {@code offset} (e.g. a section's end, to go on with the next one).
   *
   * @param offset the new position
   */
  public void seek(int offset) {
    pos = offset;
  }

  /** {@return whether bytes are left} */
  public boolean more() {
    return pos < b.length;
  }

  /**
   * Reads a section header and stays at its payload; {@link #seek} to its end for the next one.
   *
   * @return the section
   * @throws IllegalArgumentException if its payload runs past the end of the module
   */
  public Section section() {
    int start = pos;
    int id = u8();
    int size = u32();
    if (size > b.length - pos) {
      throw new IllegalArgumentException("section " + id + " runs past the end");
    }
    return new Section(id, start, pos, pos + size);
  }

  /** {@return the next byte, unsigned} */
  public int u8() {
    return b[pos++] & 0xFF;
  }

  /**
   * {@return an unsigned LEB128 of up to 64 bits} Values above {@code Long.MAX_VALUE} (only limits
   * reach them) clamp to it.
   */
  public long u64() {
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      int x = u8();
      result |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return shift == 63 && x > 0 ? Long.MAX_VALUE : result;
      }
      if (shift >= 63) {
        throw new IllegalArgumentException("integer too long at " + pos);
      }
    }
  }

  /** {@return an index or count} */
  public int u32() {
    long v = u64();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("index or count too large at " + pos);
    }
    return (int) v;
  }

  /** {@return a signed LEB128 of up to 64 bits (s33 included)} */
  public long s64() {
    long result = 0;
    int shift = 0;
    int x;
    do {
      x = u8();
      result |= (long) (x & 0x7F) << shift;
      shift += 7;
      if (shift > 70) {
        throw new IllegalArgumentException("integer too long at " + pos);
      }
    } while ((x & 0x80) != 0);
    if (shift < 64 && (x & 0x40) != 0) {
      result |= -1L << shift;
    }
    return result;
  }

  /** Skips any LEB128 (signed or not). */
  public void leb() {
    int start = pos;
    while ((u8() & 0x80) != 0) {
      if (pos - start > 10) {
        throw new IllegalArgumentException("integer too long at " + pos);
      }
    }
  }

  /**
   * Skips {@code n} bytes.
   *
   * @param n how many
   */
  public void skip(int n) {
    pos += n;
    if (pos > b.length) {
      throw new IndexOutOfBoundsException("past the end");
    }
  }
}
