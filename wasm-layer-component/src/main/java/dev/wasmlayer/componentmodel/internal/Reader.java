package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.CompileException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the primitives of the binary format from a byte range; running off its end is MALFORMED.
 */
final class Reader {
  private final byte[] bytes;
  private int pos;
  private final int end;

  Reader(byte[] bytes, int from, int end) {
    this.bytes = bytes;
    this.pos = from;
    this.end = end;
  }

  int pos() {
    return pos;
  }

  boolean atEnd() {
    return pos >= end;
  }

  byte[] bytes() {
    return bytes;
  }

  static CompileException malformed(String message) {
    return new CompileException(
        CompileException.Reason.MALFORMED, "malformed component: " + message, null);
  }

  static CompileException invalid(String message) {
    return new CompileException(
        CompileException.Reason.INVALID, "invalid component: " + message, null);
  }

  int u8() {
    if (pos >= end) {
      throw malformed("unexpected end at offset " + pos);
    }
    return bytes[pos++] & 0xFF;
  }

  int peek() {
    if (pos >= end) {
      throw malformed("unexpected end at offset " + pos);
    }
    return bytes[pos] & 0xFF;
  }

  /** An unsigned 32-bit LEB128 number. */
  int u32() {
    long result = 0;
    int shift = 0;
    while (true) {
      int b = u8();
      if (shift == 28 && (b & 0x70) != 0) {
        throw malformed("integer too large at offset " + (pos - 1));
      }
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
      if (shift > 28) {
        throw malformed("integer representation too long at offset " + pos);
      }
    }
    return (int) result;
  }

  /** A u32 used as a count or index: must fit a Java int. */
  int index() {
    int v = u32();
    if (v < 0) {
      throw malformed("index or count out of range at offset " + pos);
    }
    return v;
  }

  /** A signed 33-bit LEB128 number, as type indices in value types are written. */
  long s33() {
    long result = 0;
    int shift = 0;
    int b;
    do {
      b = u8();
      result |= (long) (b & 0x7F) << shift;
      shift += 7;
      if (shift > 35) {
        throw malformed("integer representation too long at offset " + pos);
      }
    } while ((b & 0x80) != 0);
    if (shift < 64 && (b & 0x40) != 0) {
      result |= -1L << shift;
    }
    return result;
  }

  /** A count of items each at least one byte long: bounded by what is left. */
  int count() {
    int n = index();
    if (n > end - pos) {
      throw malformed("count " + n + " exceeds the remaining bytes at offset " + pos);
    }
    return n;
  }

  String name() {
    int len = index();
    if (len > end - pos) {
      throw malformed("name runs past the end at offset " + pos);
    }
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, pos, len))
              .toString();
      pos += len;
      return s;
    } catch (CharacterCodingException e) {
      throw malformed("name is not UTF-8 at offset " + pos);
    }
  }

  /** Skips {@code n} bytes and returns where they started. */
  int skip(int n) {
    if (n < 0 || n > end - pos) {
      throw malformed("section runs past the end at offset " + pos);
    }
    int at = pos;
    pos += n;
    return at;
  }

  void expectEnd(String what) {
    if (pos != end) {
      throw malformed(what + " has " + (end - pos) + " unread bytes at offset " + pos);
    }
  }
}
