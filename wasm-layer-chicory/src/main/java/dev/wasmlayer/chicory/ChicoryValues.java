package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.Instance;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Func;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.support.Checks;
import dev.wasmlayer.types.HeapType;
import dev.wasmlayer.types.NumType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.types.VecType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Moves values between wasm-layer and Chicory's long slots for one store. Chicory keeps references
 * as numbers: a funcref is a function index in the instance that runs the code, an externref is
 * whatever the host chose. Here an externref is a handle into this store's table of Java objects,
 * which roots them until the store closes and gives the same object back (identity kept).
 */
final class ChicoryValues {
  private static final long NULL_REF = com.dylibso.chicory.wasm.types.Value.REF_NULL_VALUE;

  private final ChicoryStore<?> store;
  private final List<Object> externs = new ArrayList<>();
  private final Map<Object, Integer> handles = new IdentityHashMap<>();

  ChicoryValues(ChicoryStore<?> store) {
    this.store = store;
  }

  /** Values of {@code types} from slots produced by code of instance {@code ctx}. */
  Value[] toValues(List<ValType> types, long[] slots, Instance ctx) {
    Value[] out = new Value[types.size()];
    int at = 0;
    for (int i = 0; i < out.length; i++) {
      ValType t = types.get(i);
      out[i] = t == VecType.V128 ? Value.fromSlots(t, slots, at) : toValue(t, slots[at], ctx);
      at += t.slots();
    }
    return out;
  }

  /** Slots for {@code values}, checked against {@code types}, for code of instance {@code ctx}. */
  long[] toSlots(List<ValType> types, Value[] values, String what, Instance ctx) {
    if (values.length != types.size()) {
      throw new IllegalArgumentException(
          what + " expects " + types.size() + " values, got " + values.length);
    }
    int size = 0;
    for (ValType t : types) {
      size += t.slots();
    }
    long[] slots = new long[size];
    int at = 0;
    for (int i = 0; i < values.length; i++) {
      ValType t = types.get(i);
      Value v = Objects.requireNonNull(values[i], what + " value " + i);
      check(v, t, what + " value " + i);
      if (t == VecType.V128) {
        at = v.toSlots(slots, at);
      } else {
        slots[at++] = toRaw(v, t, ctx);
      }
    }
    return slots;
  }

  /** One value of type {@code t} from its raw Chicory slot. */
  Value toValue(ValType t, long raw, Instance ctx) {
    if (t instanceof NumType) {
      return Value.fromSlots(t, new long[] {raw}, 0);
    }
    RefType r = refType(t, ctx);
    if (raw == NULL_REF) {
      return Value.nullRef(r.nullable() ? r : new RefType(true, r.heapType()));
    }
    if (isFunc(r)) {
      return Value.funcRef(store.func(ctx, (int) raw));
    }
    return Value.externRef(extern(raw));
  }

  /** The raw Chicory slot of {@code v}, already checked to be of type {@code t}. */
  long toRaw(Value v, ValType t, Instance ctx) {
    if (t instanceof NumType) {
      return v.bits();
    }
    refType(t, ctx);
    if (v.isNull()) {
      return NULL_REF;
    }
    if (isFunc((RefType) t)) {
      return funcIndex((ChicoryFunc) v.funcRef().orElseThrow(), ctx);
    }
    return handle(v.externRef().orElseThrow());
  }

  /** The index of {@code f} as code of {@code ctx} sees it. */
  static int funcIndex(ChicoryFunc f, Instance ctx) {
    if (ctx != null && f.chicoryInstance() != ctx) {
      throw new IllegalArgumentException(
          "Chicory keeps a funcref as a function index of the instance that uses it, "
              + "so "
              + f
              + " can only be passed to code of its own instance; put it in a table to share it");
    }
    return f.index();
  }

  /**
   * Checks that {@code v} may be stored where {@code t} is expected, and that a function is of this
   * store.
   */
  void check(Value v, ValType t, String what) {
    Checks.value(t, v, what);
    if (t instanceof RefType r && isFunc(r) && !v.isNull()) {
      Func f = v.funcRef().orElseThrow();
      if (!(f instanceof ChicoryFunc c) || c.store() != store) {
        throw new IllegalArgumentException(
            what + ": the function belongs to another store or engine");
      }
    }
  }

  private static boolean isFunc(RefType r) {
    HeapType.Kind top = r.heapType().top();
    return top == HeapType.Kind.FUNC || top == HeapType.Kind.CONCRETE;
  }

  /**
   * funcref and externref (and concrete function types) are supported; GC and exception references
   * are not yet. A concrete heap type is looked up in the module of {@code ctx} to tell a function
   * type from a struct or array.
   */
  private static RefType refType(ValType t, Instance ctx) {
    RefType r = (RefType) t;
    HeapType.Kind top = r.heapType().top();
    if (top == HeapType.Kind.CONCRETE && !isFuncType(r.heapType().typeIndex(), ctx)) {
      throw new UnsupportedFeatureException(
          Feature.GC, ChicoryEngineProvider.ID, t + " at the host boundary");
    }
    if (top == HeapType.Kind.EXN) {
      throw new UnsupportedFeatureException(
          Feature.EXCEPTIONS, ChicoryEngineProvider.ID, t + " at the host boundary");
    }
    if (top == HeapType.Kind.ANY) {
      throw new UnsupportedFeatureException(
          Feature.GC, ChicoryEngineProvider.ID, t + " at the host boundary");
    }
    return r;
  }

  private static boolean isFuncType(int index, Instance ctx) {
    if (ctx == null) {
      return false;
    }
    try {
      return ctx.module().typeSection().getSubType(index).compType().funcType() != null;
    } catch (RuntimeException outOfRange) {
      return false;
    }
  }

  int handle(Object o) {
    Integer h = handles.get(o);
    if (h == null) {
      h = externs.size();
      externs.add(o);
      handles.put(o, h);
    }
    return h;
  }

  Object extern(long handle) {
    if (handle < 0 || handle >= externs.size()) {
      // Not one of ours: Chicory's id of an internalized GC value (extern.convert_any).
      throw new UnsupportedFeatureException(
          Feature.GC,
          ChicoryEngineProvider.ID,
          "an externref made from a GC reference (extern.convert_any)");
    }
    return externs.get((int) handle);
  }

  /** Releases every rooted object. */
  void clear() {
    externs.clear();
    handles.clear();
  }
}
