package dev.wasmlayer.spi.support.internal;

/**
 * Steps over one instruction of validated code: the core set of wasm 3.0 (with GC, typed
 * references, exceptions and their legacy form, tail calls, memory64, multi-memory), SIMD and
 * relaxed SIMD, threads and wide arithmetic. An opcode outside these throws {@link Unknown}: a
 * rewriter must never guess where an instruction ends.
 */
final class Instructions {
  /**
   * Ids of the instructions rewriters look at: single-byte opcodes as themselves, prefixed ones as
   * prefix:sub.
   */
  static final int END = 0x0B;

  static final int GLOBAL_GET = 0x23;
  static final int GLOBAL_SET = 0x24;
  static final int MEMORY_GROW = 0x40;
  static final int TABLE_GROW = 0xFC << 16 | 15;

  /** An opcode this walker does not know. */
  static final class Unknown extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Unknown(String opcode, int at) {
      super("unknown instruction " + opcode + " at byte " + at);
    }
  }

  private Instructions() {}

  /** Moves {@code r} past the instruction at its position; returns the instruction's id. */
  static int next(ByteReader r) {
    int at = r.pos;
    int op = r.u8();
    switch (op) {
      case 0x00, 0x01, 0x05, 0x0A, 0x0B, 0x0F, 0x19, 0x1A, 0x1B, 0xD1, 0xD3, 0xD4 -> {}
      case 0x02, 0x03, 0x04, 0x06 -> blockType(r);
      case 0x07,
          0x08,
          0x09,
          0x0C,
          0x0D,
          0x10,
          0x12,
          0x14,
          0x15,
          0x18,
          0x20,
          0x21,
          0x22,
          0x23,
          0x24,
          0x25,
          0x26,
          0x3F,
          0x40,
          0xD2,
          0xD5,
          0xD6 ->
          r.leb();
      case 0x11, 0x13 -> {
        r.leb();
        r.leb();
      }
      case 0x0E -> {
        for (int n = r.u32(), i = 0; i <= n; i++) {
          r.leb();
        }
      }
      case 0x1C -> {
        for (int n = r.u32(), i = 0; i < n; i++) {
          valType(r);
        }
      }
      case 0x1F -> tryTable(r);
      case 0x41, 0x42, 0xD0 -> r.leb(); // i32.const, i64.const, ref.null heap type
      case 0x43 -> r.skip(4);
      case 0x44 -> r.skip(8);
      case 0xFB -> {
        return 0xFB << 16 | gc(r, at);
      }
      case 0xFC -> {
        return 0xFC << 16 | misc(r, at);
      }
      case 0xFD -> {
        return 0xFD << 16 | simd(r, at);
      }
      case 0xFE -> {
        return 0xFE << 16 | atomic(r, at);
      }
      default -> {
        if (op >= 0x28 && op <= 0x3E) {
          memArg(r);
        } else if (op < 0x45 || op > 0xC4) { // 0x45..0xC4: numeric, no immediates
          throw new Unknown("0x" + Integer.toHexString(op), at);
        }
      }
    }
    return op;
  }

  /** Empty, a value type, or a type index (s33). */
  private static void blockType(ByteReader r) {
    int t = r.b[r.pos] & 0xFF;
    if (t == 0x63 || t == 0x64) {
      r.pos++;
    }
    r.leb();
  }

  private static void valType(ByteReader r) {
    int t = r.u8();
    if (t == 0x63 || t == 0x64) {
      r.leb();
    }
  }

  /** Alignment (bit 6: a memory index follows), then the offset. */
  private static void memArg(ByteReader r) {
    long align = r.u64();
    if ((align & 0x40) != 0) {
      r.leb();
    }
    r.leb();
  }

  private static void tryTable(ByteReader r) {
    blockType(r);
    for (int n = r.u32(), i = 0; i < n; i++) {
      int kind = r.u8();
      r.leb(); // tag (catch, catch_ref) or label (catch_all, catch_all_ref)
      if (kind <= 1) {
        r.leb();
      }
    }
  }

  private static int gc(ByteReader r, int at) {
    int sub = r.u32();
    switch (sub) {
      case 0, 1, 6, 7, 11, 12, 13, 14, 16 -> r.leb();
      case 2, 3, 4, 5, 8, 9, 10, 17, 18, 19 -> {
        r.leb();
        r.leb();
      }
      case 15, 26, 27, 28, 29, 30 -> {}
      case 20, 21, 22, 23 -> r.leb(); // heap type
      case 24, 25 -> { // br_on_cast(_fail): flags, label, two heap types
        r.u8();
        r.leb();
        r.leb();
        r.leb();
      }
      default -> throw new Unknown("0xFB " + sub, at);
    }
    return sub;
  }

  private static int misc(ByteReader r, int at) {
    int sub = r.u32();
    switch (sub) {
      case 0, 1, 2, 3, 4, 5, 6, 7, 19, 20, 21, 22 -> {}
      case 9, 11, 13, 15, 16, 17 -> r.leb();
      case 8, 10, 12, 14 -> {
        r.leb();
        r.leb();
      }
      default -> throw new Unknown("0xFC " + sub, at);
    }
    return sub;
  }

  private static int simd(ByteReader r, int at) {
    int sub = r.u32();
    if (sub <= 11 || sub == 92 || sub == 93) {
      memArg(r);
    } else if (sub == 12 || sub == 13) {
      r.skip(16);
    } else if (sub >= 21 && sub <= 34) {
      r.skip(1);
    } else if (sub >= 84 && sub <= 91) {
      memArg(r);
      r.skip(1);
    } else if (sub > 0x113) {
      throw new Unknown("0xFD " + sub, at);
    }
    return sub;
  }

  private static int atomic(ByteReader r, int at) {
    int sub = r.u32();
    if (sub == 3) {
      r.skip(1); // atomic.fence
    } else if (sub <= 2 || (sub >= 0x10 && sub <= 0x4E)) {
      memArg(r);
    } else {
      throw new Unknown("0xFE " + sub, at);
    }
    return sub;
  }
}
