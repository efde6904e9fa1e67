package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.component.WitType;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Lists of numbers as primitive arrays, moved to and from a run of component values with one bulk
 * copy each way instead of a native access per element.
 */
final class PrimitiveLists {
  private PrimitiveLists() {}

  private static final int VAL = WitLower.VAL;

  /** The array class for lists of {@code element}, or null when they are plain lists. */
  static Class<?> arrayType(WitType element) {
    if (!(element instanceof WitPrimitive p)) {
      return null;
    }
    return switch (p) {
      case S8, U8 -> byte[].class;
      case S16, U16 -> short[].class;
      case S32, U32 -> int[].class;
      case S64, U64 -> long[].class;
      case F32 -> float[].class;
      case F64 -> double[].class;
      default -> null;
    };
  }

  static int length(Object array) {
    return Array.getLength(array);
  }

  /**
   * Elements per bulk copy: each side of a copy goes through a heap buffer of this many values (128
   * KiB), so a list costs the heap nothing near its 32 bytes a value of native staging.
   */
  private static final int CHUNK = 4096;

  /**
   * Component values for the primitive array {@code v} in native memory, or null when {@code v} is
   * not the array form of a list of {@code element}.
   */
  static Memory stage(Object v, WitType element) {
    Class<?> type = arrayType(element);
    if (type == null || !type.isInstance(v)) {
      return null;
    }
    int n = Array.getLength(v);
    byte kind = ValKind.of((WitPrimitive) element);
    Memory m = new Memory((long) Math.max(1, n) * VAL);
    ByteBuffer b =
        ByteBuffer.allocate(Math.max(1, Math.min(n, CHUNK)) * VAL).order(ByteOrder.nativeOrder());
    for (int from = 0; from < n; from += CHUNK) {
      int k = Math.min(CHUNK, n - from);
      for (int j = 0; j < k; j++) {
        int at = j * VAL; // every slot of the buffer is written the same way each round
        int i = from + j;
        b.put(at, kind);
        if (v instanceof byte[] a) {
          b.put(at + 8, a[i]);
        } else if (v instanceof short[] a) {
          b.putShort(at + 8, a[i]);
        } else if (v instanceof int[] a) {
          b.putInt(at + 8, a[i]);
        } else if (v instanceof long[] a) {
          b.putLong(at + 8, a[i]);
        } else if (v instanceof float[] a) {
          b.putFloat(at + 8, a[i]);
        } else {
          b.putDouble(at + 8, ((double[]) v)[i]);
        }
      }
      m.write((long) from * VAL, b.array(), 0, k * VAL);
    }
    if (n == 0) {
      m.clear();
    }
    return m;
  }

  /** The primitive array of the {@code n} values at {@code data}, each of kind {@code element}. */
  static Object lift(Pointer data, int n, WitPrimitive element) {
    byte kind = ValKind.of(element);
    Object out = Array.newInstance(arrayType(element).getComponentType(), n);
    byte[] raw = new byte[Math.max(1, Math.min(n, CHUNK)) * VAL];
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
    for (int from = 0; from < n; from += CHUNK) {
      int k = Math.min(CHUNK, n - from);
      data.read((long) from * VAL, raw, 0, k * VAL);
      for (int j = 0; j < k; j++) {
        int at = j * VAL;
        int i = from + j;
        if (b.get(at) != kind) {
          throw new IllegalStateException(
              "wasmtime returned a value of kind " + b.get(at) + " in a list<" + element + ">");
        }
        switch (element) {
          case S8, U8 -> ((byte[]) out)[i] = b.get(at + 8);
          case S16, U16 -> ((short[]) out)[i] = b.getShort(at + 8);
          case S32, U32 -> ((int[]) out)[i] = b.getInt(at + 8);
          case S64, U64 -> ((long[]) out)[i] = b.getLong(at + 8);
          case F32 -> ((float[]) out)[i] = b.getFloat(at + 8);
          default -> ((double[]) out)[i] = b.getDouble(at + 8);
        }
      }
    }
    return out;
  }
}
