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
   * Component values for the primitive array {@code v} in Java memory, or null when {@code v} is
   * not the array form of a list of {@code element}.
   */
  static Memory stage(Object v, WitType element) {
    Class<?> type = arrayType(element);
    if (type == null || !type.isInstance(v)) {
      return null;
    }
    int n = Array.getLength(v);
    byte kind = ValKind.of((WitPrimitive) element);
    ByteBuffer b = ByteBuffer.allocate(Math.max(1, n) * VAL).order(ByteOrder.nativeOrder());
    for (int i = 0; i < n; i++) {
      int at = i * VAL;
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
    Memory m = new Memory((long) Math.max(1, n) * VAL);
    m.write(0, b.array(), 0, Math.max(1, n) * VAL);
    return m;
  }

  /** The primitive array of the {@code n} values at {@code data}, each of kind {@code element}. */
  static Object lift(Pointer data, int n, WitPrimitive element) {
    byte[] raw = n == 0 ? new byte[0] : data.getByteArray(0, n * VAL);
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
    byte kind = ValKind.of(element);
    Object out = Array.newInstance(arrayType(element).getComponentType(), n);
    for (int i = 0; i < n; i++) {
      int at = i * VAL;
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
    return out;
  }
}
