package dev.wasmlayer.internal.gen;

import dev.wasmlayer.Func;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.RefType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Reading Java values out of {@link Value} arguments and making {@link Value} results, as method
 * handles: the path for signatures with references, which engines hand over as {@code Value}s.
 */
final class Values {
  private Values() {}

  static int i32(Value[] a, int i) {
    return a[i].i32();
  }

  static long i64(Value[] a, int i) {
    return a[i].i64();
  }

  static float f32(Value[] a, int i) {
    return a[i].f32();
  }

  static double f64(Value[] a, int i) {
    return a[i].f64();
  }

  static Func funcref(Value[] a, int i) {
    return a[i].funcRef().orElse(null);
  }

  static Object externref(Value[] a, int i) {
    return a[i].externRef().orElse(null);
  }

  static Value ofI32(int v) {
    return Value.i32(v);
  }

  static Value ofI64(long v) {
    return Value.i64(v);
  }

  static Value ofF32(float v) {
    return Value.f32(v);
  }

  static Value ofF64(double v) {
    return Value.f64(v);
  }

  static Value ofFuncref(Func f) {
    return f == null ? Value.nullRef(RefType.FUNCREF) : Value.funcRef(f);
  }

  static Value ofExternref(Object o) {
    return o == null ? Value.nullRef(RefType.EXTERNREF) : Value.externRef(o);
  }

  /** {@code (Value[]) -> type}: argument {@code index} as {@code type} (references cast to it). */
  static MethodHandle getter(Class<?> type, int index) {
    MethodHandle g;
    if (type.isPrimitive()) {
      g = find(kind(type), type, Value[].class, int.class);
    } else if (type == Func.class) {
      g = find("funcref", Func.class, Value[].class, int.class);
    } else {
      g = find("externref", Object.class, Value[].class, int.class);
    }
    return MethodHandles.insertArguments(g, 1, index)
        .asType(MethodType.methodType(type, Value[].class));
  }

  /** {@code (type) -> Value}. */
  static MethodHandle maker(Class<?> type) {
    String k = kind(type);
    Class<?> param = type.isPrimitive() ? type : type == Func.class ? Func.class : Object.class;
    return find("of" + Character.toUpperCase(k.charAt(0)) + k.substring(1), Value.class, param)
        .asType(MethodType.methodType(Value.class, type));
  }

  private static String kind(Class<?> type) {
    return type.isPrimitive() ? Slots.kind(type) : type == Func.class ? "funcref" : "externref";
  }

  private static MethodHandle find(String name, Class<?> ret, Class<?>... params) {
    try {
      return MethodHandles.lookup()
          .findStatic(Values.class, name, MethodType.methodType(ret, params));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
