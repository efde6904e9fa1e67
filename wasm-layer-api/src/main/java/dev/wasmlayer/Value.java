package dev.wasmlayer;

import dev.wasmlayer.types.HeapType;
import dev.wasmlayer.types.NumType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.types.VecType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One WebAssembly value: a number (kept as raw bits, so NaN payloads survive), a {@code v128}, or a
 * reference.
 *
 * <p>Immutable. Equality is by type and bits (for references: by the referenced object's identity),
 * so two NaNs with the same payload are equal and {@code 0.0} differs from {@code -0.0}.
 */
public final class Value {
  /** An empty result array, for host functions that return nothing. */
  public static final Value[] NONE = new Value[0];

  private static final RefType NON_NULL_I31 = RefType.of(false, HeapType.I31);
  private static final RefType NON_NULL_STRUCT = RefType.of(false, HeapType.STRUCT);
  private static final RefType NON_NULL_ARRAY = RefType.of(false, HeapType.ARRAY);
  private static final RefType NON_NULL_EXN = RefType.of(false, HeapType.EXN);
  private static final RefType NON_NULL_ANY = RefType.of(false, HeapType.ANY);

  private final ValType type;
  private final long bits;
  private final long high;
  private final Object ref;

  private Value(ValType type, long bits, long high, Object ref) {
    this.type = type;
    this.bits = bits;
    this.high = high;
    this.ref = ref;
  }

  /**
   * {@return an i32}
   *
   * @param v the value
   */
  public static Value i32(int v) {
    return new Value(NumType.I32, v, 0, null);
  }

  /**
   * {@return an i64}
   *
   * @param v the value
   */
  public static Value i64(long v) {
    return new Value(NumType.I64, v, 0, null);
  }

  /**
   * {@return an f32 (its raw bits are kept, including a NaN payload)}
   *
   * @param v the value
   */
  public static Value f32(float v) {
    return f32Bits(Float.floatToRawIntBits(v));
  }

  /**
   * {@return an f32 from raw IEEE bits}
   *
   * @param bits the raw IEEE 754 bits
   */
  public static Value f32Bits(int bits) {
    return new Value(NumType.F32, bits & 0xFFFF_FFFFL, 0, null);
  }

  /**
   * {@return an f64 (its raw bits are kept, including a NaN payload)}
   *
   * @param v the value
   */
  public static Value f64(double v) {
    return f64Bits(Double.doubleToRawLongBits(v));
  }

  /**
   * {@return an f64 from raw IEEE bits}
   *
   * @param bits the raw IEEE 754 bits
   */
  public static Value f64Bits(long bits) {
    return new Value(NumType.F64, bits, 0, null);
  }

  /**
   * {@return a v128 from its low and high 64 bits (little-endian lane order: lane 0 is the low byte
   * of {@code low})}
   *
   * @param low the low 64 bits
   * @param high the high 64 bits
   */
  public static Value v128(long low, long high) {
    return new Value(VecType.V128, low, high, null);
  }

  /**
   * {@return a v128 from 16 bytes in memory order}
   *
   * @param bytes the 16 bytes, little-endian
   */
  public static Value v128(byte[] bytes) {
    if (bytes.length != 16) {
      throw new IllegalArgumentException("a v128 has 16 bytes, got " + bytes.length);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    return v128(b.getLong(0), b.getLong(8));
  }

  /**
   * {@return a funcref to {@code func}}
   *
   * @param func the function, or {@code null} for a null reference
   */
  public static Value funcRef(Func func) {
    return new Value(RefType.FUNCREF, 0, 0, Objects.requireNonNull(func, "func"));
  }

  /**
   * {@return an externref to any Java object; identity is preserved through wasm}
   *
   * @param object any Java object, or {@code null} for a null reference
   */
  public static Value externRef(Object object) {
    return new Value(RefType.EXTERNREF, 0, 0, Objects.requireNonNull(object, "object"));
  }

  /**
   * {@return an {@code (ref i31)}: an unboxed 31-bit integer}
   *
   * @param value any int; bit 31 is dropped, as by {@code ref.i31}
   */
  public static Value i31Ref(int value) {
    return new Value(NON_NULL_I31, 0, 0, I31Ref.of(value));
  }

  /**
   * {@return a {@code (ref struct)} to a struct of a store}
   *
   * @param struct the struct
   */
  public static Value structRef(StructRef struct) {
    return new Value(NON_NULL_STRUCT, 0, 0, Objects.requireNonNull(struct, "struct"));
  }

  /**
   * {@return an {@code (ref array)} to an array of a store}
   *
   * @param array the array
   */
  public static Value arrayRef(ArrayRef array) {
    return new Value(NON_NULL_ARRAY, 0, 0, Objects.requireNonNull(array, "array"));
  }

  /**
   * {@return an {@code (ref exn)} to an exception}
   *
   * @param exception the exception
   */
  public static Value exnRef(ExnRef exception) {
    return new Value(NON_NULL_EXN, 0, 0, Objects.requireNonNull(exception, "exception"));
  }

  /**
   * {@return a reference in the {@code any} hierarchy}: an {@link I31Ref}, {@link StructRef} or
   * {@link ArrayRef} becomes that reference; any other Java object becomes a host reference as
   * wasm's {@code any.convert_extern} makes it from an externref, and comes back to the host as the
   * same object.
   *
   * @param object what the reference refers to
   */
  public static Value anyRef(Object object) {
    Objects.requireNonNull(object, "object");
    if (object instanceof I31Ref i) {
      return new Value(NON_NULL_I31, 0, 0, i);
    }
    if (object instanceof StructRef r) {
      return structRef(r);
    }
    if (object instanceof ArrayRef r) {
      return arrayRef(r);
    }
    if (object instanceof Value || object instanceof ExnRef || object instanceof Func) {
      throw new IllegalArgumentException(
          "a " + object.getClass().getSimpleName() + " is not in the any hierarchy");
    }
    return new Value(NON_NULL_ANY, 0, 0, object);
  }

  /**
   * {@return a null reference of the given type}
   *
   * @param type the reference type
   */
  public static Value nullRef(RefType type) {
    if (!type.nullable()) {
      throw new IllegalArgumentException(type + " is not nullable");
    }
    return new Value(type, 0, 0, null);
  }

  /**
   * {@return a reference of the given type to an engine-specific object (a GC or exception
   * reference handle)} For engines and the spec runner; users use {@link #funcRef}, {@link
   * #externRef}, {@link #anyRef} and {@link #exnRef}.
   *
   * @param type the value's type
   * @param handle the engine's reference, or {@code null} for a null reference
   */
  public static Value ref(RefType type, Object handle) {
    Objects.requireNonNull(handle, "handle");
    HeapType.Kind top = type.heapType().top();
    // funcRef() and exnRef() hand the object out as a Func or ExnRef
    if ((top == HeapType.Kind.FUNC && !(handle instanceof Func))
        || (top == HeapType.Kind.EXN && !(handle instanceof ExnRef))) {
      throw new IllegalArgumentException(
          "a " + type + " cannot refer to a " + handle.getClass().getName());
    }
    return new Value(type, 0, 0, handle);
  }

  /**
   * {@return a zero value of the given type ({@code 0}, {@code 0.0}, zero vector or null
   * reference)}
   *
   * @param type the type
   */
  public static Value zero(ValType type) {
    if (type instanceof RefType r) {
      return nullRef(r);
    }
    return new Value(type, 0, 0, null);
  }

  /**
   * {@return a value from raw slots: the inverse of {@link #toSlots}} Reference types are not
   * representable as slots.
   *
   * @param slots the slot array
   * @param index where the value starts
   * @param type the value's type
   */
  public static Value fromSlots(ValType type, long[] slots, int index) {
    if (type instanceof NumType n) {
      return switch (n) {
        case I32 -> i32((int) slots[index]);
        case I64 -> i64(slots[index]);
        case F32 -> f32Bits((int) slots[index]);
        case F64 -> f64Bits(slots[index]);
      };
    }
    if (type == VecType.V128) {
      return v128(slots[index], slots[index + 1]);
    }
    throw new IllegalArgumentException(type + " values have no raw slot form");
  }

  /**
   * Writes this number or vector value into raw slots at {@code index}; returns the next free
   * index.
   *
   * @param slots the raw slots
   * @param index where this value goes
   * @return the next free index
   */
  public int toSlots(long[] slots, int index) {
    if (type instanceof NumType) {
      slots[index] = bits;
      return index + 1;
    }
    if (type == VecType.V128) {
      slots[index] = bits;
      slots[index + 1] = high;
      return index + 2;
    }
    throw new IllegalArgumentException(type + " values have no raw slot form");
  }

  /** {@return the value's type} */
  public ValType type() {
    return type;
  }

  /** {@return this i32} */
  public int i32() {
    expect(NumType.I32);
    return (int) bits;
  }

  /** {@return this i64} */
  public long i64() {
    expect(NumType.I64);
    return bits;
  }

  /** {@return this f32} */
  public float f32() {
    return Float.intBitsToFloat(f32Bits());
  }

  /** {@return this f32's raw bits} */
  public int f32Bits() {
    expect(NumType.F32);
    return (int) bits;
  }

  /** {@return this f64} */
  public double f64() {
    return Double.longBitsToDouble(f64Bits());
  }

  /** {@return this f64's raw bits} */
  public long f64Bits() {
    expect(NumType.F64);
    return bits;
  }

  /** {@return the low 64 bits of this v128} */
  public long v128Low() {
    expect(VecType.V128);
    return bits;
  }

  /** {@return the high 64 bits of this v128} */
  public long v128High() {
    expect(VecType.V128);
    return high;
  }

  /** {@return this v128's 16 bytes in memory order} */
  public byte[] v128Bytes() {
    expect(VecType.V128);
    return ByteBuffer.allocate(16)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(bits)
        .putLong(high)
        .array();
  }

  /** {@return whether this is a null reference} */
  public boolean isNull() {
    if (!(type instanceof RefType)) {
      throw new IllegalStateException("a " + type + " is not a reference");
    }
    return ref == null;
  }

  /** {@return the function of a funcref, empty for null} */
  public Optional<Func> funcRef() {
    if (!(type instanceof RefType r) || r.heapType().top() != HeapType.Kind.FUNC) {
      throw new IllegalStateException("expected a funcref, got " + type);
    }
    return Optional.ofNullable((Func) ref);
  }

  /** {@return the object of an externref, empty for null} */
  public Optional<Object> externRef() {
    if (!(type instanceof RefType r) || r.heapType().top() != HeapType.Kind.EXTERN) {
      throw new IllegalStateException("expected an externref, got " + type);
    }
    return Optional.ofNullable(ref);
  }

  /**
   * {@return what an anyref (or eqref, i31ref, structref, arrayref) refers to: an {@link I31Ref},
   * {@link StructRef}, {@link ArrayRef} or a host object; empty for null}
   */
  public Optional<Object> anyRef() {
    if (!(type instanceof RefType r) || r.heapType().top() != HeapType.Kind.ANY) {
      throw new IllegalStateException("expected a reference in the any hierarchy, got " + type);
    }
    return Optional.ofNullable(ref);
  }

  /** {@return the i31 of an i31ref (or of an anyref that is one), empty for null} */
  public Optional<I31Ref> i31Ref() {
    return anyAs(I31Ref.class, "an i31");
  }

  /** {@return the struct of a structref (or of an anyref that is one), empty for null} */
  public Optional<StructRef> structRef() {
    return anyAs(StructRef.class, "a struct");
  }

  /** {@return the array of an arrayref (or of an anyref that is one), empty for null} */
  public Optional<ArrayRef> arrayRef() {
    return anyAs(ArrayRef.class, "an array");
  }

  /** {@return the exception of an exnref, empty for null} */
  public Optional<ExnRef> exnRef() {
    if (!(type instanceof RefType r) || r.heapType().top() != HeapType.Kind.EXN) {
      throw new IllegalStateException("expected an exnref, got " + type);
    }
    return Optional.ofNullable((ExnRef) ref);
  }

  private <R> Optional<R> anyAs(Class<R> kind, String what) {
    Object o = anyRef().orElse(null);
    if (o != null && !kind.isInstance(o)) {
      throw new IllegalStateException("expected " + what + ", got " + this);
    }
    return Optional.ofNullable(kind.cast(o));
  }

  /**
   * {@return the referenced object of any reference (engine handle, Func or host object); empty for
   * null}
   */
  public Optional<Object> refObject() {
    isNull();
    return Optional.ofNullable(ref);
  }

  /** {@return the raw bits of a number (i32/f32 in the low 32 bits) or the low half of a v128} */
  public long bits() {
    if (type instanceof RefType) {
      throw new IllegalStateException("a reference has no bits");
    }
    return bits;
  }

  private void expect(ValType expected) {
    if (type != expected) {
      throw new IllegalStateException("expected " + expected + ", got " + type);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Value v
        && type.equals(v.type)
        && bits == v.bits
        && high == v.high
        && (ref == v.ref || (ref instanceof I31Ref && ref.equals(v.ref)));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(
        new long[] {
          type.hashCode(),
          bits,
          high,
          ref instanceof I31Ref ? ref.hashCode() : System.identityHashCode(ref)
        });
  }

  @Override
  public String toString() {
    if (type instanceof NumType n) {
      return switch (n) {
        case I32 -> "i32:" + (int) bits;
        case I64 -> "i64:" + bits;
        case F32 ->
            "f32:"
                + f32()
                + (Float.isNaN(f32()) ? "(0x" + Integer.toHexString((int) bits) + ")" : "");
        case F64 ->
            "f64:" + f64() + (Double.isNaN(f64()) ? "(0x" + Long.toHexString(bits) + ")" : "");
      };
    }
    if (type == VecType.V128) {
      return String.format("v128:0x%016x%016x", high, bits);
    }
    return type.text() + ":" + (ref == null ? "null" : ref);
  }
}
