package dev.wasmlayer.internal.gen;

import dev.wasmlayer.ArrayRef;
import dev.wasmlayer.ExnRef;
import dev.wasmlayer.Func;
import dev.wasmlayer.I31Ref;
import dev.wasmlayer.StructRef;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.RefType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Locale;

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

  static StructRef structref(Value[] a, int i) {
    return a[i].structRef().orElse(null);
  }

  static ArrayRef arrayref(Value[] a, int i) {
    return a[i].arrayRef().orElse(null);
  }

  static I31Ref i31ref(Value[] a, int i) {
    return a[i].i31Ref().orElse(null);
  }

  static ExnRef exnref(Value[] a, int i) {
    return a[i].exnRef().orElse(null);
  }

  static Value ofStructref(StructRef r) {
    return r == null ? Value.nullRef(RefType.STRUCTREF) : Value.structRef(r);
  }

  static Value ofArrayref(ArrayRef r) {
    return r == null ? Value.nullRef(RefType.ARRAYREF) : Value.arrayRef(r);
  }

  static Value ofI31ref(I31Ref r) {
    return r == null ? Value.nullRef(RefType.I31REF) : Value.i31Ref(r.bits());
  }

  static Value ofExnref(ExnRef r) {
    return r == null ? Value.nullRef(RefType.EXNREF) : Value.exnRef(r);
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
    MethodHandle g = find(kind(type), javaType(type), Value[].class, int.class);
    return MethodHandles.insertArguments(g, 1, index)
        .asType(MethodType.methodType(type, Value[].class));
  }

  /** {@code (type) -> Value}. */
  static MethodHandle maker(Class<?> type) {
    String k = kind(type);
    return find(
            "of" + Character.toUpperCase(k.charAt(0)) + k.substring(1), Value.class, javaType(type))
        .asType(MethodType.methodType(Value.class, type));
  }

  /** The reference classes with a wasm type of their own; any other object is an externref. */
  private static final List<Class<?>> REFS =
      List.of(Func.class, StructRef.class, ArrayRef.class, I31Ref.class, ExnRef.class);

  private static Class<?> javaType(Class<?> type) {
    return type.isPrimitive() || REFS.contains(type) ? type : Object.class;
  }

  private static String kind(Class<?> type) {
    if (type.isPrimitive()) {
      return Slots.kind(type);
    }
    return REFS.contains(type)
        ? type == Func.class ? "funcref" : type.getSimpleName().toLowerCase(Locale.ROOT)
        : "externref";
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
