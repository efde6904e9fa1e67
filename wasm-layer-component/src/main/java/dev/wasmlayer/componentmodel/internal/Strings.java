package dev.wasmlayer.componentmodel.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strings in guest memory in the three encodings of the canonical ABI. */
final class Strings {
  private static final long UTF16_TAG = 1L << 31;
  private static final long MAX_LENGTH = (1L << 31) - 1;

  private Strings() {}

  /** Stores {@code s} and returns {@code {ptr, length}} as the ABI passes them. */
  static long[] store(CallContext cx, String s) {
    switch (cx.encoding) {
      case UTF8:
        {
          byte[] b = s.getBytes(StandardCharsets.UTF_8);
          long ptr = cx.alloc(1, b.length);
          cx.memory().write(ptr, b);
          return new long[] {ptr, b.length};
        }
      case UTF16:
        {
          long ptr = cx.alloc(2, 2L * s.length());
          cx.memory().write(ptr, s.getBytes(StandardCharsets.UTF_16LE));
          return new long[] {ptr, s.length()};
        }
      default:
        {
          boolean latin1 = s.chars().allMatch(c -> c < 0x100);
          if (latin1) {
            long ptr = cx.alloc(2, s.length());
            cx.memory().write(ptr, s.getBytes(StandardCharsets.ISO_8859_1));
            return new long[] {ptr, s.length()};
          }
          long ptr = cx.alloc(2, 2L * s.length());
          cx.memory().write(ptr, s.getBytes(StandardCharsets.UTF_16LE));
          return new long[] {ptr, s.length() | UTF16_TAG};
        }
    }
  }

  /** Loads the string at {@code ptr} of ABI length {@code length} (both as unsigned 32 bits). */
  static String load(CallContext cx, long ptr, long length) {
    GuestMemory m = cx.memory();
    switch (cx.encoding) {
      case UTF8:
        checkLength(length);
        return decode(m.read(ptr, length), true);
      case UTF16:
        GuestMemory.checkAligned(ptr, 2);
        checkLength(2 * length);
        return decode(m.read(ptr, 2 * length), false);
      default:
        GuestMemory.checkAligned(ptr, 2);
        if ((length & UTF16_TAG) != 0) {
          long units = length & ~UTF16_TAG;
          checkLength(2 * units);
          return decode(m.read(ptr, 2 * units), false);
        }
        checkLength(length);
        return new String(m.read(ptr, length), StandardCharsets.ISO_8859_1);
    }
  }

  private static void checkLength(long bytes) {
    if (bytes > MAX_LENGTH) {
      throw CanonTrap.other("string of " + bytes + " bytes exceeds the maximum length");
    }
  }

  private static String decode(byte[] bytes, boolean utf8) {
    try {
      return (utf8 ? StandardCharsets.UTF_8 : StandardCharsets.UTF_16LE)
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw CanonTrap.other("string is not valid " + (utf8 ? "UTF-8" : "UTF-16"));
    }
  }
}
