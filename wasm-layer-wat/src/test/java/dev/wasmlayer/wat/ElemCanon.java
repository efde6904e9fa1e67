package dev.wasmlayer.wat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Rewrites a module's element section into one canonical form (every segment with an explicit table
 * and type and its items as expressions), so two encoders' equally valid choices compare equal. The
 * suite's two converters differ exactly there: wabt writes function indices, the wat crate keeps
 * what the text said.
 */
final class ElemCanon {
  private final byte[] m;
  private int i;

  private ElemCanon(byte[] m, int i) {
    this.m = m;
    this.i = i;
  }

  static byte[] canonical(byte[] module) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(module, 0, 8);
    ElemCanon r = new ElemCanon(module, 8);
    while (r.i < module.length) {
      int id = module[r.i++] & 0xff;
      int size = (int) r.u32();
      int end = r.i + size;
      byte[] body = Arrays.copyOfRange(module, r.i, end);
      if (id == 9) {
        body = new ElemCanon(body, 0).section();
      }
      out.write(id);
      Out len = new Out().u32(body.length);
      out.writeBytes(len.toByteArray());
      out.writeBytes(body);
      r.i = end;
    }
    return out.toByteArray();
  }

  private byte[] section() {
    Out o = new Out();
    long count = u32();
    o.u32(count);
    for (long k = 0; k < count; k++) {
      int flags = (int) u32();
      boolean passiveOrDeclared = (flags & 1) != 0;
      boolean explicit = (flags & 2) != 0;
      boolean exprs = (flags & 4) != 0;
      long table = 0;
      byte[] offset = null;
      if (!passiveOrDeclared) {
        if (explicit) {
          table = u32();
        }
        offset = expr();
      }
      byte[] type = {0x70};
      if (passiveOrDeclared || explicit) {
        if (exprs) {
          int start = i;
          int b = m[i++] & 0xff;
          if (b == 0x63 || b == 0x64) {
            heapType();
          }
          type = Arrays.copyOfRange(m, start, i);
        } else {
          i++; // elemkind 0x00: funcref
        }
      }
      o.u8(passiveOrDeclared ? flags & 3 | 4 : 6);
      if (!passiveOrDeclared) {
        o.u32(table).bytes(offset);
      }
      o.bytes(type);
      long n = u32();
      o.u32(n);
      for (long e = 0; e < n; e++) {
        if (exprs) {
          o.bytes(expr());
        } else {
          o.u8(0xd2).u32(u32()).u8(0x0b);
        }
      }
    }
    return o.toByteArray();
  }

  /** A constant expression with its end. */
  private byte[] expr() {
    int start = i;
    while (true) {
      int op = m[i++] & 0xff;
      if (op == 0x0b) {
        return Arrays.copyOfRange(m, start, i);
      }
      switch (op) {
        case 0x41, 0x42 -> s64();
        case 0x43 -> i += 4;
        case 0x44 -> i += 8;
        case 0x23, 0xd2 -> u32();
        case 0xd0 -> heapType();
        case 0xfd -> {
          u32();
          i += 16;
        }
        default -> {} // arithmetic of extended constants, no immediates
      }
    }
  }

  private void heapType() {
    s64();
  }

  private long u32() {
    long r = 0;
    int shift = 0;
    int b;
    do {
      b = m[i++] & 0xff;
      r |= (long) (b & 0x7f) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    return r;
  }

  private void s64() {
    while ((m[i++] & 0x80) != 0) {
      // skip
    }
  }
}
