package dev.wasmlayer.internal.gen;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Reading and writing Java primitives in raw slots ({@code Func.callRaw}'s encoding), as method
 * handles.
 */
final class Slots {
  private Slots() {}

  static int i32(long[] s, int i) {
    return (int) s[i];
  }

  static long i64(long[] s, int i) {
    return s[i];
  }

  static float f32(long[] s, int i) {
    return Float.intBitsToFloat((int) s[i]);
  }

  static double f64(long[] s, int i) {
    return Double.longBitsToDouble(s[i]);
  }

  static void putI32(long[] s, int i, int v) {
    s[i] = v;
  }

  static void putI64(long[] s, int i, long v) {
    s[i] = v;
  }

  static void putF32(long[] s, int i, float v) {
    s[i] = Float.floatToRawIntBits(v) & 0xFFFF_FFFFL;
  }

  static void putF64(long[] s, int i, double v) {
    s[i] = Double.doubleToRawLongBits(v);
  }

  /** {@code (long[]) -> type}: reads slot {@code index}. */
  static MethodHandle getter(Class<?> type, int index) {
    return MethodHandles.insertArguments(find(kind(type), type, long[].class, int.class), 1, index);
  }

  /** {@code (long[], type) -> void}: writes slot {@code index}. */
  static MethodHandle putter(Class<?> type, int index) {
    String name = "put" + Character.toUpperCase(kind(type).charAt(0)) + kind(type).substring(1);
    return MethodHandles.insertArguments(
        find(name, void.class, long[].class, int.class, type), 1, index);
  }

  /** The wasm name of a primitive: i32, i64, f32 or f64. */
  static String kind(Class<?> type) {
    if (type == int.class) {
      return "i32";
    }
    if (type == long.class) {
      return "i64";
    }
    if (type == float.class) {
      return "f32";
    }
    if (type == double.class) {
      return "f64";
    }
    throw new IllegalArgumentException(type + " has no slot form");
  }

  static MethodHandle find(String name, Class<?> ret, Class<?>... params) {
    try {
      return MethodHandles.lookup()
          .findStatic(Slots.class, name, MethodType.methodType(ret, params));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
