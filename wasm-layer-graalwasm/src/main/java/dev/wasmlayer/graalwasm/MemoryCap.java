package dev.wasmlayer.graalwasm;

import dev.wasmlayer.LimitException;
import dev.wasmlayer.spi.support.internal.ByteReader;
import java.io.ByteArrayOutputStream;

/**
 * Caps the memories a module defines by rewriting its memory section: each maximum becomes at most
 * the cap, so GraalWasm itself refuses {@code memory.grow} past it (it has no per-Context memory
 * limit). A memory whose minimum is already above the cap cannot be instantiated. Only the memory
 * section changes; every other byte is copied.
 */
final class MemoryCap {
  private static final int MEMORY_SECTION = 5;

  private MemoryCap() {}

  /** {@code wasm} with every defined memory's maximum at most {@code maxPages}. */
  static byte[] apply(byte[] wasm, long maxPages, String capDescription) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length + 16);
    out.write(wasm, 0, 8);
    ByteReader r = ByteReader.module(wasm);
    while (r.more()) {
      ByteReader.Section s = r.section();
      if (s.id() == MEMORY_SECTION) {
        byte[] body = capped(r, maxPages, capDescription);
        out.write(s.id());
        writeLeb(out, body.length);
        out.write(body, 0, body.length);
      } else {
        out.write(wasm, s.start(), s.end() - s.start());
      }
      r.seek(s.end());
    }
    return out.toByteArray();
  }

  /** The memory section's payload at {@code r}, every maximum capped. */
  private static byte[] capped(ByteReader r, long maxPages, String capDescription) {
    ByteArrayOutputStream section = new ByteArrayOutputStream();
    long count = r.u64();
    writeLeb(section, count);
    for (long i = 0; i < count; i++) {
      int flags = r.u8();
      long min = r.u64();
      long max = (flags & 0x01) != 0 ? r.u64() : Long.MAX_VALUE;
      long pageSizeLog2 = (flags & 0x08) != 0 ? r.u64() : -1;
      if (min > maxPages) {
        throw new LimitException(
            "a memory of "
                + min
                + " pages exceeds the store's memory cap of "
                + capDescription
                + " ("
                + maxPages
                + " pages)");
      }
      section.write(flags | 0x01);
      writeLeb(section, min);
      writeLeb(section, Math.min(max, maxPages));
      if (pageSizeLog2 >= 0) {
        writeLeb(section, pageSizeLog2);
      }
    }
    return section.toByteArray();
  }

  private static void writeLeb(ByteArrayOutputStream out, long v) {
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
  }
}
