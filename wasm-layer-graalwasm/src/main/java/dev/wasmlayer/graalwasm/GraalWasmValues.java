package dev.wasmlayer.graalwasm;

import dev.wasmlayer.Feature;
import dev.wasmlayer.Func;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.support.Checks;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.HeapType;
import dev.wasmlayer.types.NumType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.types.VecType;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Converts between wasm-layer {@link Value}s and what GraalWasm takes and gives: exactly boxed
 * numbers (an i32 must be an {@code Integer}, never a {@code Long}), externrefs as boxed Java
 * objects, funcrefs as the store's executables, v128 as GraalWasm's vector objects (made by a small
 * helper module, since the host cannot build one).
 */
final class GraalWasmValues {
  private final GraalWasmStore<?> store;

  GraalWasmValues(GraalWasmStore<?> store) {
    this.store = store;
  }

  /** The guest form of {@code v}, checked against {@code type}. */
  Object toGuest(ValType type, Value v, String what) {
    Checks.value(type, v, what);
    return toGuestUnchecked(type, v);
  }

  /** The guest form of a value already known to match its type. */
  Object toGuestUnchecked(ValType type, Value v) {
    if (type instanceof NumType n) {
      return switch (n) {
        case I32 -> v.i32();
        case I64 -> v.i64();
        case F32 -> Float.intBitsToFloat(v.f32Bits());
        case F64 -> Double.longBitsToDouble(v.f64Bits());
      };
    }
    if (type == VecType.V128) {
      return store.vectors().make(v.v128Low(), v.v128High());
    }
    HeapType.Kind top = ((RefType) type).heapType().top();
    if (top == HeapType.Kind.ANY || top == HeapType.Kind.EXN) { // before null: the type is refused
      throw new UnsupportedFeatureException(
          top == HeapType.Kind.ANY ? Feature.GC : Feature.EXCEPTIONS,
          GraalWasmEngineProvider.ID,
          type + " at the host boundary");
    }
    boolean extern = top == HeapType.Kind.EXTERN;
    if (v.isNull()) {
      return store.wa().refNull(); // Java null would arrive as a non-null host reference
    }
    if (extern) {
      return new ExternBox(v.externRef().orElseThrow());
    }
    Func f =
        v.funcRef()
            .orElseThrow(
                () -> new IllegalArgumentException("a funcref must hold a Func, got " + v));
    return store.guestFunction(f);
  }

  /** The wasm-layer value of a guest result of type {@code type}. */
  Value fromGuest(ValType type, org.graalvm.polyglot.Value g) {
    if (type instanceof NumType n) {
      return switch (n) {
        case I32 -> Value.i32(g.asInt());
        case I64 -> Value.i64(g.asLong());
        case F32 -> Value.f32Bits(Float.floatToRawIntBits(g.asFloat()));
        case F64 -> Value.f64Bits(Double.doubleToRawLongBits(g.asDouble()));
      };
    }
    if (type == VecType.V128) {
      return Value.v128(
          g.readBufferLong(ByteOrder.LITTLE_ENDIAN, 0),
          g.readBufferLong(ByteOrder.LITTLE_ENDIAN, 8));
    }
    RefType ref = (RefType) type;
    if (g == null || g.isNull()) {
      return Value.nullRef(ref.nullable() ? ref : RefType.of(true, ref.heapType()));
    }
    if (ref.heapType().top() == HeapType.Kind.EXTERN) {
      if (g.isHostObject()) {
        Object o = g.asHostObject();
        return Value.externRef(o instanceof ExternBox box ? box.object : o);
      }
      return Value.externRef(g.as(Object.class));
    }
    return Value.funcRef(store.func(g, null));
  }

  /** Guest arguments for {@code args}, checked against {@code type}. */
  Object[] toGuest(FuncType type, Value[] args) {
    List<ValType> params = type.params();
    if (args.length != params.size()) {
      throw new IllegalArgumentException(
          "expected " + params.size() + " arguments " + params + ", got " + args.length);
    }
    Object[] out = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      out[i] = toGuest(params.get(i), args[i], "argument " + i);
    }
    return out;
  }

  /** The results of a call, from GraalWasm's result (null, one value, or an array for several). */
  Value[] results(FuncType type, org.graalvm.polyglot.Value r) {
    List<ValType> results = type.results();
    return switch (results.size()) {
      case 0 -> Value.NONE;
      case 1 -> new Value[] {fromGuest(results.get(0), r)};
      default -> {
        Value[] out = new Value[results.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = fromGuest(results.get(i), r.getArrayElement(i));
        }
        yield out;
      }
    };
  }

  /** Guest arguments from raw slots. */
  Object[] fromSlots(FuncType type, long[] slots) {
    List<ValType> params = type.params();
    Object[] out = new Object[params.size()];
    int s = 0;
    for (int i = 0; i < out.length; i++) {
      ValType t = params.get(i);
      out[i] = toGuestUnchecked(t, Value.fromSlots(t, slots, s));
      s += t == VecType.V128 ? 2 : 1;
    }
    return out;
  }

  /** Writes a call's results into raw slots from slot 0. */
  void toSlots(FuncType type, org.graalvm.polyglot.Value r, long[] slots) {
    List<ValType> results = type.results();
    if (results.size() == 1) {
      fromGuest(results.get(0), r).toSlots(slots, 0);
      return;
    }
    int s = 0;
    for (int i = 0; i < results.size(); i++) {
      s = fromGuest(results.get(i), r.getArrayElement(i)).toSlots(slots, s);
    }
  }
}
