package dev.wasmlayer.wat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A growing byte buffer with the binary format's encodings (LEB128, vectors, names). */
final class Out {
  private final ByteArrayOutputStream b = new ByteArrayOutputStream();

  Out u8(int v) {
    b.write(v);
    return this;
  }

  /** An index or count: an int is taken as unsigned. */
  Out u32(int v) {
    return u32(v & 0xFFFF_FFFFL);
  }

  Out u32(long v) {
    do {
      int x = (int) (v & 0x7f);
      v >>>= 7;
      b.write(v != 0 ? x | 0x80 : x);
    } while (v != 0);
    return this;
  }

  Out s64(long v) {
    while (true) {
      int x = (int) (v & 0x7f);
      v >>= 7;
      boolean done = (v == 0 && (x & 0x40) == 0) || (v == -1 && (x & 0x40) != 0);
      b.write(done ? x : x | 0x80);
      if (done) {
        return this;
      }
    }
  }

  Out bytes(byte[] v) {
    b.write(v, 0, v.length);
    return this;
  }

  Out fixed32(int v) {
    for (int i = 0; i < 4; i++) {
      b.write(v >>> (8 * i));
    }
    return this;
  }

  Out fixed64(long v) {
    for (int i = 0; i < 8; i++) {
      b.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  /** A length-prefixed byte vector (names, data). */
  Out vec(byte[] v) {
    return u32(v.length).bytes(v);
  }

  Out name(String s) {
    return vec(s.getBytes(StandardCharsets.UTF_8));
  }

  int size() {
    return b.size();
  }

  byte[] toByteArray() {
    return b.toByteArray();
  }
}
