package dev.wasmlayer.spi.support.internal;

/** A position in a binary module and the format's integer encodings. Running off the end throws. */
final class ByteReader {
  final byte[] b;
  int pos;

  ByteReader(byte[] b, int pos) {
    this.b = b;
    this.pos = pos;
  }

  int u8() {
    return b[pos++] & 0xFF;
  }

  /** An unsigned LEB128 of up to 64 bits. */
  long u64() {
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      int x = b[pos++] & 0xFF;
      if (shift < 64) {
        result |= (long) (x & 0x7F) << shift;
      }
      if ((x & 0x80) == 0) {
        return result;
      }
      if (shift > 63) {
        throw new IllegalArgumentException("integer too long at " + pos);
      }
    }
  }

  /** An index or count. */
  int u32() {
    long v = u64();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("index or count too large at " + pos);
    }
    return (int) v;
  }

  /** Skips any LEB128 (signed or not). */
  void leb() {
    int start = pos;
    while ((b[pos++] & 0x80) != 0) {
      if (pos - start > 10) {
        throw new IllegalArgumentException("integer too long at " + pos);
      }
    }
  }

  void skip(int n) {
    pos += n;
    if (pos > b.length) {
      throw new IndexOutOfBoundsException("past the end");
    }
  }
}
