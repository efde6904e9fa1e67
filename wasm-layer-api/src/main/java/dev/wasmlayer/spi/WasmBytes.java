package dev.wasmlayer.spi;

/** Cheap checks on module bytes that every backend makes the same way. */
public final class WasmBytes {
  private WasmBytes() {}

  /**
   * {@return whether the bytes start with the binary module magic {@code \0asm}}
   *
   * @param bytes the bytes given
   */
  public static boolean isBinary(byte[] bytes) {
    return bytes.length >= 4
        && bytes[0] == 0
        && bytes[1] == 'a'
        && bytes[2] == 's'
        && bytes[3] == 'm';
  }

  /**
   * {@return whether the bytes are a binary component: the magic, then the component layer's
   * version {@code 0d 00 01 00}}
   *
   * @param bytes the bytes given
   */
  public static boolean isComponent(byte[] bytes) {
    return isBinary(bytes)
        && bytes.length >= 8
        && bytes[4] == 0x0d
        && bytes[5] == 0
        && bytes[6] == 1
        && bytes[7] == 0;
  }

  /**
   * {@return whether the bytes look like WebAssembly text: after white space and comments, a {@code
   * (}} Used to say "this engine does not take WAT" instead of "malformed binary".
   *
   * @param bytes the bytes given
   */
  public static boolean looksLikeText(byte[] bytes) {
    int i = 0;
    while (i < bytes.length) {
      byte b = bytes[i];
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
        i++;
      } else if (b == ';' && i + 1 < bytes.length && bytes[i + 1] == ';') {
        while (i < bytes.length && bytes[i] != '\n') {
          i++;
        }
      } else if (b == '(' && i + 1 < bytes.length && bytes[i + 1] == ';') {
        int end = indexOf(bytes, i + 2);
        if (end < 0) {
          return false;
        }
        i = end + 2;
      } else {
        return b == '(';
      }
    }
    return false;
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == ';' && bytes[i + 1] == ')') {
        return i;
      }
    }
    return -1;
  }
}
