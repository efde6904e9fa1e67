package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
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
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads and writes {@code wasmtime_val_t} for one store. An externref's data pointer is a handle
 * into this store's table of Java objects (plus one, so it is never null): the objects stay rooted
 * until the store closes and come back as the same objects. Every reference wasmtime hands out is
 * unrooted once read, and every one made here once used.
 */
final class WasmtimeValues {
  private final WasmtimeStore<?> store;
  private final List<Object> externs = new ArrayList<>();
  private final Map<Object, Integer> handles = new IdentityHashMap<>();

  WasmtimeValues(WasmtimeStore<?> store) {
    this.store = store;
  }

  /**
   * Checks that {@code v} may stand where {@code t} is expected, and that a function is of this
   * store.
   */
  void check(Value v, ValType t, String what) {
    Checks.value(t, v, what);
    if (t instanceof RefType r && r.heapType().top() == HeapType.Kind.FUNC && !v.isNull()) {
      Func f = v.funcRef().orElseThrow();
      if (!(f instanceof WasmtimeFunc w) || w.store() != store) {
        throw new IllegalArgumentException(
            what + ": the function belongs to another store or engine");
      }
    }
    if (t instanceof RefType r && r.heapType().top() == HeapType.Kind.EXN && !v.isNull()) {
      if (!(v.exnRef().orElseThrow() instanceof WasmtimeExnRef e) || e.store() != store) {
        throw new IllegalArgumentException(
            what + ": the exception belongs to another store or engine");
      }
    }
  }

  /**
   * Writes {@code v} (already checked against {@code t}) as a {@code wasmtime_val_t} at {@code at}.
   * Returns whether it made a rooted reference that {@link #release} must unroot after use.
   */
  boolean write(Value v, ValType t, Pointer at) {
    at.clear(Layout.VAL_SIZE);
    if (t == NumType.I32) {
      at.setByte(0, Layout.I32);
      at.setInt(Layout.VAL_OF, v.i32());
    } else if (t == NumType.I64) {
      at.setByte(0, Layout.I64);
      at.setLong(Layout.VAL_OF, v.i64());
    } else if (t == NumType.F32) {
      at.setByte(0, Layout.F32);
      at.setInt(Layout.VAL_OF, v.f32Bits());
    } else if (t == NumType.F64) {
      at.setByte(0, Layout.F64);
      at.setLong(Layout.VAL_OF, v.f64Bits());
    } else if (t == VecType.V128) {
      at.setByte(0, Layout.V128);
      at.setLong(Layout.VAL_OF, v.v128Low());
      at.setLong(Layout.VAL_OF + 8, v.v128High());
    } else {
      return writeRef(v, (RefType) t, at);
    }
    return false;
  }

  private boolean writeRef(Value v, RefType t, Pointer at) {
    HeapType.Kind top = t.heapType().top();
    if (top == HeapType.Kind.FUNC) {
      at.setByte(0, Layout.FUNCREF);
      if (!v.isNull()) {
        WasmtimeFunc f = (WasmtimeFunc) v.funcRef().orElseThrow();
        at.write(Layout.VAL_OF, f.struct().getByteArray(0, Layout.FUNC_SIZE), 0, Layout.FUNC_SIZE);
      }
      return false;
    }
    if (top == HeapType.Kind.EXTERN) {
      at.setByte(0, Layout.EXTERNREF);
      if (v.isNull()) {
        return false;
      }
      Pointer data = Pointer.createConstant(handle(v.externRef().orElseThrow()) + 1L);
      if (Wasmtime.wasmtime_externref_new(store.context(), data, null, at.share(Layout.VAL_OF))
          == 0) {
        throw new IllegalStateException("wasmtime could not allocate an externref");
      }
      return true;
    }
    if (top == HeapType.Kind.EXN) {
      at.setByte(0, Layout.EXNREF);
      if (!v.isNull()) { // borrowed: the handle's root outlives the call it is passed to
        ((WasmtimeExnRef) v.exnRef().orElseThrow()).root().copyTo(at.share(Layout.VAL_OF));
      }
      return false;
    }
    throw unsupported(t);
  }

  /**
   * Runs {@code call} on {@code v} written as a native {@code wasmtime_val_t} of type {@code t},
   * unrooting it afterwards if writing rooted it; returns what {@code call} returned (an error,
   * usually).
   */
  <R> R withNative(Value v, ValType t, Function<Memory, R> call) {
    Memory val = Natives.alloc(Layout.VAL_SIZE);
    boolean rooted = write(v, t, val);
    try {
      return call.apply(val);
    } finally {
      if (rooted) {
        release(val);
      }
    }
  }

  /** Unroots a reference this class made at {@code at}. */
  static void release(Pointer at) {
    Wasmtime.wasmtime_val_unroot(at);
  }

  /**
   * Reads the {@code wasmtime_val_t} at {@code at} (declared type {@code t}), unrooting any
   * reference in it.
   */
  Value read(Pointer at, ValType t) {
    byte kind = at.getByte(0);
    return switch (kind) {
      case Layout.I32 -> Value.i32(at.getInt(Layout.VAL_OF));
      case Layout.I64 -> Value.i64(at.getLong(Layout.VAL_OF));
      case Layout.F32 -> Value.f32Bits(at.getInt(Layout.VAL_OF));
      case Layout.F64 -> Value.f64Bits(at.getLong(Layout.VAL_OF));
      case Layout.V128 -> Value.v128(at.getLong(Layout.VAL_OF), at.getLong(Layout.VAL_OF + 8));
      default -> readRef(at, kind, t);
    };
  }

  /**
   * Reads a host function's argument: wasmtime owns it and unroots it when the host function
   * returns, so a GC reference is read from a clone of its own.
   */
  Value readBorrowed(Pointer at, ValType t) {
    if (!gcRef(at)) {
      return read(at, t);
    }
    Memory copy = Natives.alloc(Layout.VAL_SIZE);
    Wasmtime.wasmtime_val_clone(at, copy);
    return read(copy, t);
  }

  /**
   * Writes a host function's result: wasmtime takes it over and unroots it, so a reference that
   * {@link #write} only borrowed from a handle is replaced by a clone of its own.
   */
  void writeOwned(Value v, ValType t, Pointer at) {
    if (!write(v, t, at) && gcRef(at)) {
      Memory borrowed = Natives.alloc(Layout.VAL_SIZE);
      borrowed.write(0, at.getByteArray(0, Layout.VAL_SIZE), 0, Layout.VAL_SIZE);
      Wasmtime.wasmtime_val_clone(borrowed, at);
    }
  }

  /** Whether the {@code wasmtime_val_t} at {@code at} holds a non-null rooted reference. */
  private static boolean gcRef(Pointer at) {
    byte kind = at.getByte(0);
    return (kind == Layout.EXTERNREF || kind == Layout.ANYREF || kind == Layout.EXNREF)
        && at.getLong(Layout.VAL_OF) != 0;
  }

  private Value readRef(Pointer at, byte kind, ValType declared) {
    RefType t = declared instanceof RefType r ? r : null;
    boolean isNull =
        at.getLong(Layout.VAL_OF) == 0; // store_id 0 means null for every reference kind
    try {
      if (kind == Layout.FUNCREF) {
        return isNull
            ? Value.nullRef(nullable(t, RefType.FUNCREF))
            : Value.funcRef(store.func(at.share(Layout.VAL_OF)));
      }
      if (kind == Layout.EXTERNREF) {
        if (isNull) {
          return Value.nullRef(nullable(t, RefType.EXTERNREF));
        }
        Pointer data = Wasmtime.wasmtime_externref_data(store.context(), at.share(Layout.VAL_OF));
        long handle = Pointer.nativeValue(data) - 1;
        if (data == null || handle < 0 || handle >= externs.size()) {
          throw new UnsupportedFeatureException(
              Feature.GC,
              WasmtimeEngineProvider.ID,
              "an externref made from a GC reference (extern.convert_any)");
        }
        return Value.externRef(externs.get((int) handle));
      }
      RefType fallback = kind == Layout.EXNREF ? RefType.EXNREF : RefType.ANYREF;
      if (isNull) {
        return Value.nullRef(nullable(t, fallback));
      }
      if (kind == Layout.EXNREF) { // the handle adopts the root: not unrooted below
        return Value.exnRef(new WasmtimeExnRef(store, at.share(Layout.VAL_OF)));
      }
      throw unsupported(t != null ? t : fallback);
    } finally {
      if (!isNull && kind != Layout.FUNCREF && kind != Layout.EXNREF) {
        Wasmtime.wasmtime_val_unroot(at);
      }
    }
  }

  private static RefType nullable(RefType declared, RefType fallback) {
    RefType t = declared != null ? declared : fallback;
    return t.nullable() ? t : new RefType(true, t.heapType());
  }

  private static UnsupportedFeatureException unsupported(RefType t) {
    Feature f = t.heapType().top() == HeapType.Kind.EXN ? Feature.EXCEPTIONS : Feature.GC;
    return new UnsupportedFeatureException(
        f, WasmtimeEngineProvider.ID, t + " values at the host boundary");
  }

  private int handle(Object o) {
    Integer h = handles.get(o);
    if (h == null) {
      h = externs.size();
      externs.add(o);
      handles.put(o, h);
    }
    return h;
  }

  /**
   * Writes values into {@code m}, an array of {@code wasmtime_val_t}; marks in {@code rooted} what
   * to release.
   */
  void writeAll(List<ValType> types, Value[] values, String what, boolean[] rooted, Memory m) {
    if (values.length != types.size()) {
      throw new IllegalArgumentException(
          what + " expects " + types.size() + " values, got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      check(values[i], types.get(i), what + " value " + i);
    }
    for (int i = 0; i < values.length; i++) {
      rooted[i] = write(values[i], types.get(i), m.share((long) i * Layout.VAL_SIZE));
    }
  }

  /** Releases what {@link #writeAll} rooted. */
  static void releaseAll(Memory m, boolean[] rooted) {
    for (int i = 0; i < rooted.length; i++) {
      if (rooted[i]) {
        release(m.share((long) i * Layout.VAL_SIZE));
      }
    }
  }

  Value[] readAll(Pointer m, List<ValType> types) {
    Value[] out = new Value[types.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = read(m.share((long) i * Layout.VAL_SIZE), types.get(i));
    }
    return out;
  }

  void clear() {
    externs.clear();
    handles.clear();
  }
}
