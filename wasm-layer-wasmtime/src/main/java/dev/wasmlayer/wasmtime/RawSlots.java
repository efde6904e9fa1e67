package dev.wasmlayer.wasmtime;

import dev.wasmlayer.Value;
import dev.wasmlayer.types.NumType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wasmtime.internal.HotCalls;
import dev.wasmlayer.wasmtime.internal.Layout;
import java.util.List;

/**
 * Reads and writes of one {@code wasmtime_val_raw_t} (16 bytes, little-endian, no kind tag) at an
 * absolute address: i32 and f32 bits as 32-bit integers at 0, i64 and f64 bits as 64-bit integers
 * at 0, v128 as low then high 64 bits. Numbers and v128 only; kinds are {@link Layout}'s value
 * kinds.
 */
final class RawSlots {
  private RawSlots() {}

  /** The {@link Layout} kind of each type, which must be a number or v128. */
  static byte[] kinds(List<ValType> types) {
    byte[] k = new byte[types.size()];
    for (int i = 0; i < k.length; i++) {
      ValType t = types.get(i);
      k[i] =
          t == NumType.I32
              ? Layout.I32
              : t == NumType.I64
                  ? Layout.I64
                  : t == NumType.F32 ? Layout.F32 : t == NumType.F64 ? Layout.F64 : Layout.V128;
    }
    return k;
  }

  static Value read(HotCalls hot, long at, byte kind) {
    return switch (kind) {
      case Layout.I32 -> Value.i32(hot.getIntAt(at));
      case Layout.I64 -> Value.i64(hot.getLongAt(at));
      case Layout.F32 -> Value.f32Bits(hot.getIntAt(at));
      case Layout.F64 -> Value.f64Bits(hot.getLongAt(at));
      default -> Value.v128(hot.getLongAt(at), hot.getLongAt(at + 8));
    };
  }

  /** Writes {@code v}, already checked to be of {@code kind}. */
  static void write(HotCalls hot, long at, byte kind, Value v) {
    switch (kind) {
      case Layout.I32 -> hot.setIntAt(at, v.i32());
      case Layout.I64 -> hot.setLongAt(at, v.i64());
      case Layout.F32 -> hot.setIntAt(at, v.f32Bits());
      case Layout.F64 -> hot.setLongAt(at, v.f64Bits());
      default -> {
        hot.setLongAt(at, v.v128Low());
        hot.setLongAt(at + 8, v.v128High());
      }
    }
  }

  /**
   * Reads the slot into {@code v} from index {@code i} on (an f32 as its zero-extended bits); the
   * next index.
   */
  static int readInto(HotCalls hot, long at, byte kind, long[] v, int i) {
    switch (kind) {
      case Layout.I32 -> v[i] = hot.getIntAt(at);
      case Layout.F32 -> v[i] = hot.getIntAt(at) & 0xFFFF_FFFFL;
      case Layout.I64, Layout.F64 -> v[i] = hot.getLongAt(at);
      default -> {
        v[i] = hot.getLongAt(at);
        v[i + 1] = hot.getLongAt(at + 8);
        return i + 2;
      }
    }
    return i + 1;
  }

  /** Writes {@code v} from index {@code i} on into the slot; the next index. */
  static int writeFrom(HotCalls hot, long at, byte kind, long[] v, int i) {
    switch (kind) {
      case Layout.I32, Layout.F32 -> hot.setIntAt(at, (int) v[i]);
      case Layout.I64, Layout.F64 -> hot.setLongAt(at, v[i]);
      default -> {
        hot.setLongAt(at, v[i]);
        hot.setLongAt(at + 8, v[i + 1]);
        return i + 2;
      }
    }
    return i + 1;
  }
}
