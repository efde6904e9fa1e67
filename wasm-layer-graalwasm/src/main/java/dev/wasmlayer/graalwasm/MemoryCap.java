package dev.wasmlayer.graalwasm;

import dev.wasmlayer.LimitException;
import java.io.ByteArrayOutputStream;

/**
 * Caps the memories a module defines by rewriting its memory section: each maximum becomes at most the cap, so
 * GraalWasm itself refuses {@code memory.grow} past it (it has no per-Context memory limit). A memory whose minimum is
 * already above the cap cannot be instantiated. Only the memory section changes; every other byte is copied.
 */
final class MemoryCap {
  private final byte[] in;
  private int pos;

  private MemoryCap(byte[] in) {
    this.in = in;
  }

  /** {@code wasm} with every defined memory's maximum at most {@code maxPages}. */
  static byte[] apply(byte[] wasm, long maxPages, String capDescription) {
    return new MemoryCap(wasm).rewrite(maxPages, capDescription);
  }

  private byte[] rewrite(long maxPages, String capDescription) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 16);
    out.write(in, 0, 8);
    pos = 8;
    while (pos < in.length) {
      int id = in[pos++] & 0xFF;
      int size = (int) leb();
      int start = pos;
      if (id == 5) {
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        long count = leb();
        writeLeb(section, count);
        for (long i = 0; i < count; i++) {
          int flags = in[pos++] & 0xFF;
          long min = leb();
          long max = (flags & 0x01) != 0 ? leb() : Long.MAX_VALUE;
          long pageSizeLog2 = (flags & 0x08) != 0 ? leb() : -1;
          if (min > maxPages) {
            throw new LimitException("a memory of " + min + " pages exceeds the store's memory cap of "
                + capDescription + " (" + maxPages + " pages)");
          }
          section.write(flags | 0x01);
          writeLeb(section, min);
          writeLeb(section, Math.min(max, maxPages));
          if (pageSizeLog2 >= 0) {
            writeLeb(section, pageSizeLog2);
          }
        }
        byte[] body = section.toByteArray();
        out.write(id);
        writeLeb(out, body.length);
        out.write(body, 0, body.length);
      } else {
        out.write(id);
        writeLeb(out, size);
        out.write(in, start, size);
      }
      pos = start + size;
    }
    return out.toByteArray();
  }

  private long leb() {
    long result = 0;
    int shift = 0;
    while (true) {
      int b = in[pos++] & 0xFF;
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
      shift += 7;
    }
  }

  private static void writeLeb(ByteArrayOutputStream out, long v) {
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
  }
}
