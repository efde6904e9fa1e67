package dev.wasmlayer.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A growing binary module, with the format's integer encodings. */
final class ByteSink {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  ByteSink u8(int v) {
    out.write(v);
    return this;
  }

  /** Several single-byte instructions or immediates. */
  ByteSink ops(int... bytes) {
    for (int v : bytes) {
      out.write(v);
    }
    return this;
  }

  /** An unsigned LEB128. */
  ByteSink u64(long v) {
    do {
      int x = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? x | 0x80 : x);
    } while (v != 0);
    return this;
  }

  /** A small signed LEB128 ({@code i32.const}/{@code i64.const} immediates up to 63). */
  ByteSink s7(int v) {
    if (v < -64 || v > 63) {
      throw new IllegalArgumentException("not a one-byte constant: " + v);
    }
    out.write(v & 0x7F);
    return this;
  }

  ByteSink copy(byte[] b, int from, int to) {
    out.write(b, from, to - from);
    return this;
  }

  ByteSink bytes(byte[] b) {
    out.write(b, 0, b.length);
    return this;
  }

  /** A length-prefixed UTF-8 name. */
  ByteSink name(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return u64(b.length).bytes(b);
  }

  /** Section {@code id} with {@code payload}. */
  ByteSink section(int id, ByteSink payload) {
    byte[] p = payload.toByteArray();
    return u8(id).u64(p.length).bytes(p);
  }

  int size() {
    return out.size();
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
