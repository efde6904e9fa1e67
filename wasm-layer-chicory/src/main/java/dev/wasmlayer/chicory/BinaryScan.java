package dev.wasmlayer.chicory;

import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Feature;

/**
 * Looks at the raw import, table and memory sections for 64-bit limits before Chicory parses them, because Chicory
 * 1.7.5 rejects memory64 as a malformed module where the honest answer is an unsupported feature. Anything it cannot
 * follow it leaves to Chicory's parser, which reports malformed bytes properly.
 */
final class BinaryScan {
  private static final int IMPORT_SECTION = 2;
  private static final int TABLE_SECTION = 4;
  private static final int MEMORY_SECTION = 5;
  private static final int LIMITS_64 = 0x04;

  private final byte[] b;
  private int pos;

  private BinaryScan(byte[] bytes) {
    this.b = bytes;
  }

  static void rejectUnsupported(byte[] wasm) {
    try {
      new BinaryScan(wasm).scan();
    } catch (IndexOutOfBoundsException | IllegalStateException truncatedOrOdd) {
      // Not ours to report: the parser will say what is wrong with these bytes.
    }
  }

  private void scan() {
    pos = 8;
    while (pos < b.length) {
      int id = b[pos++] & 0xFF;
      int size = (int) leb();
      int end = pos + size;
      if (id == IMPORT_SECTION) {
        imports();
      } else if (id == TABLE_SECTION) {
        long n = leb();
        for (long i = 0; i < n; i++) {
          refType();
          limits("a 64-bit table");
        }
      } else if (id == MEMORY_SECTION) {
        long n = leb();
        for (long i = 0; i < n; i++) {
          limits("a 64-bit memory");
        }
      }
      pos = end;
    }
  }

  private void imports() {
    long n = leb();
    for (long i = 0; i < n; i++) {
      skipName();
      skipName();
      int kind = b[pos++] & 0xFF;
      switch (kind) {
        case 0: // func
          leb();
          break;
        case 1: // table
          refType();
          limits("an imported 64-bit table");
          break;
        case 2: // memory
          limits("an imported 64-bit memory");
          break;
        default: // global, tag: nothing this scan needs further on in the section
          return;
      }
    }
  }

  private void limits(String what) {
    int flags = b[pos++] & 0xFF;
    if ((flags & LIMITS_64) != 0) {
      throw new UnsupportedFeatureException(Feature.MEMORY64, ChicoryEngineProvider.ID, what);
    }
    leb();
    if ((flags & 0x01) != 0) {
      leb();
    }
  }

  private void refType() {
    int t = b[pos++] & 0xFF;
    if (t == 0x63 || t == 0x64) {
      leb(); // heap type as s33; its sign bits do not matter for skipping
    }
  }

  private void skipName() {
    int len = (int) leb();
    pos += len;
  }

  private long leb() {
    long result = 0;
    int shift = 0;
    while (true) {
      int x = b[pos++] & 0xFF;
      result |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return result;
      }
      shift += 7;
      if (shift > 35) {
        throw new IllegalStateException("LEB128 too long");
      }
    }
  }
}
