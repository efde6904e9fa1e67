package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.component.WitType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Lists of numbers as primitive arrays, copied to and from guest memory in bulk. */
final class PrimitiveLists {
  private PrimitiveLists() {}

  /** {@return the array class for lists of {@code element}, or null when it is not a number} */
  static Class<?> arrayClass(WitType element) {
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

  static void check(Object array, ListType l, String what) {
    if (array.getClass() != arrayClass(l.element())) {
      throw JavaValues.wrong(what, l, array);
    }
  }

  static int length(Object array) {
    return java.lang.reflect.Array.getLength(array);
  }

  /** The little-endian bytes of a primitive array, floats' NaNs canonicalised. */
  static byte[] toBytes(Object array) {
    int n = length(array);
    if (array instanceof byte[] b) {
      return b.clone();
    }
    ByteBuffer buf;
    if (array instanceof short[] s) {
      buf = order(ByteBuffer.allocate(2 * n));
      buf.asShortBuffer().put(s);
    } else if (array instanceof int[] a) {
      buf = order(ByteBuffer.allocate(4 * n));
      buf.asIntBuffer().put(a);
    } else if (array instanceof long[] a) {
      buf = order(ByteBuffer.allocate(8 * n));
      buf.asLongBuffer().put(a);
    } else if (array instanceof float[] a) {
      buf = order(ByteBuffer.allocate(4 * n));
      for (float f : a) {
        buf.putInt(Float.isNaN(f) ? 0x7fc0_0000 : Float.floatToRawIntBits(f));
      }
    } else {
      double[] a = (double[]) array;
      buf = order(ByteBuffer.allocate(8 * n));
      for (double d : a) {
        buf.putLong(Double.isNaN(d) ? 0x7ff8_0000_0000_0000L : Double.doubleToRawLongBits(d));
      }
    }
    return buf.array();
  }

  /** The primitive array of {@code bytes} for lists of {@code element}. */
  static Object fromBytes(byte[] bytes, WitType element) {
    Class<?> c = arrayClass(element);
    ByteBuffer buf = order(ByteBuffer.wrap(bytes));
    if (c == byte[].class) {
      return bytes;
    } else if (c == short[].class) {
      short[] out = new short[bytes.length / 2];
      buf.asShortBuffer().get(out);
      return out;
    } else if (c == int[].class) {
      int[] out = new int[bytes.length / 4];
      buf.asIntBuffer().get(out);
      return out;
    } else if (c == long[].class) {
      long[] out = new long[bytes.length / 8];
      buf.asLongBuffer().get(out);
      return out;
    } else if (c == float[].class) {
      float[] out = new float[bytes.length / 4];
      for (int i = 0; i < out.length; i++) {
        out[i] = Float.intBitsToFloat(canonical(buf.getInt()));
      }
      return out;
    }
    double[] out = new double[bytes.length / 8];
    for (int i = 0; i < out.length; i++) {
      long bits = buf.getLong();
      out[i] =
          Double.isNaN(Double.longBitsToDouble(bits)) ? Double.NaN : Double.longBitsToDouble(bits);
    }
    return out;
  }

  private static int canonical(int bits) {
    return Float.isNaN(Float.intBitsToFloat(bits)) ? 0x7fc0_0000 : bits;
  }

  private static ByteBuffer order(ByteBuffer b) {
    return b.order(ByteOrder.LITTLE_ENDIAN);
  }
}
