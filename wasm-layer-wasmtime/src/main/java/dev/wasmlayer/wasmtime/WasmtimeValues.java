package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.ArrayRef;
import dev.wasmlayer.ExnRef;
import dev.wasmlayer.Func;
import dev.wasmlayer.I31Ref;
import dev.wasmlayer.StructRef;
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
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads and writes {@code wasmtime_val_t} for one store.
 *
 * <p>Ownership follows wasmtime: a reference in a value the layer receives from a call, a global, a
 * table or a GC field is the layer's ({@link #read} keeps it in a handle or unroots it); a host
 * function's arguments stay wasmtime's, which unroots them after the callback ({@link
 * #readBorrowed} clones what it keeps and unroots nothing). A value the layer passes in is borrowed
 * ({@link #write}: handles are copied, temporaries made for the call are released after it); a host
 * function's results become wasmtime's ({@link #writeOwned}: every reference is a new root).
 *
 * <p>An externref's data pointer is a handle into this store's table of Java objects (plus one, so
 * it is never null): the objects stay rooted until the store closes and come back as the same
 * objects. A Java object as an anyref is that externref converted by {@link AnyBridge}.
 */
final class WasmtimeValues {
  private final WasmtimeStore<?> store;
  private final List<Object> externs = new ArrayList<>();
  private final Map<Object, Integer> handles = new IdentityHashMap<>();
  private AnyBridge bridge;

  WasmtimeValues(WasmtimeStore<?> store) {
    this.store = store;
  }

  AnyBridge bridge() {
    if (bridge == null) {
      bridge = new AnyBridge(store);
    }
    return bridge;
  }

  /**
   * Checks that {@code v} may stand where {@code t} is expected, and that a function or GC object
   * is of this store.
   */
  void check(Value v, ValType t, String what) {
    Checks.value(t, v, what);
    if (!(t instanceof RefType) || v.isNull()) {
      return;
    }
    Object o = v.refObject().orElseThrow();
    // Value.ref can pair any object with any type; writing casts by the hierarchy
    HeapType.Kind top = hierarchy(v, (RefType) t);
    if ((top == HeapType.Kind.FUNC && !(o instanceof Func))
        || (top == HeapType.Kind.EXN && !(o instanceof ExnRef))) {
      throw new IllegalArgumentException(
          what + ": a " + v.type() + " cannot refer to a " + o.getClass().getName());
    }
    if (o instanceof Func f && !(f instanceof WasmtimeFunc w && w.store() == store)) {
      throw new IllegalArgumentException(
          what + ": the function belongs to another store or engine");
    }
    if ((o instanceof StructRef || o instanceof ArrayRef)
        && !(o instanceof WasmtimeGcRef g && g.store == store)) {
      throw new IllegalArgumentException(what + ": the GC object belongs to another store");
    }
    if (o instanceof ExnRef && !(o instanceof WasmtimeExnRef e && e.store() == store)) {
      throw new IllegalArgumentException(
          what + ": the exception belongs to another store or engine");
    }
  }

  /**
   * Writes {@code v} (already checked against {@code t}) as a borrowed {@code wasmtime_val_t} at
   * {@code at}. Returns whether it made a root that {@link #release} must unroot after use.
   */
  boolean write(Value v, ValType t, Pointer at) {
    return write(v, t, at, false);
  }

  /** Writes {@code v} as a value wasmtime takes over (a host function's result): new roots only. */
  void writeOwned(Value v, ValType t, Pointer at) {
    write(v, t, at, true);
  }

  private boolean write(Value v, ValType t, Pointer at, boolean owned) {
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
      return writeRef(v, (RefType) t, at, owned);
    }
    return false;
  }

  private boolean writeRef(Value v, RefType t, Pointer at, boolean owned) {
    Pointer union = at.share(Layout.VAL_OF);
    Object o = v.isNull() ? null : v.refObject().orElseThrow();
    switch (hierarchy(v, t)) {
      case FUNC -> {
        at.setByte(0, Layout.FUNCREF);
        if (o != null) {
          union.write(
              0,
              ((WasmtimeFunc) o).struct().getByteArray(0, Layout.FUNC_SIZE),
              0,
              Layout.FUNC_SIZE);
        }
        return false;
      }
      case EXTERN -> {
        at.setByte(0, Layout.EXTERNREF);
        if (o == null) {
          return false;
        }
        if (o instanceof WasmtimeGcRef || o instanceof I31Ref) {
          // an externalized GC reference goes back as one (extern.convert_any)
          Memory any = Natives.alloc(Layout.VAL_SIZE);
          boolean temp = writeRef(Value.anyRef(o), RefType.ANYREF, any, false);
          try {
            bridge().externalize(any, at);
          } finally {
            if (temp) {
              release(any);
            }
          }
          return true;
        }
        newExternRef(o, union);
        return true;
      }
      case ANY -> {
        at.setByte(0, Layout.ANYREF);
        if (o == null) {
          return false;
        }
        if (o instanceof WasmtimeGcRef g) {
          if (owned) {
            g.cloneTo(union);
            return true;
          }
          g.copyTo(union);
          return false;
        }
        if (o instanceof I31Ref i) {
          Wasmtime.wasmtime_anyref_from_i31(store.context(), i.bits(), union);
          return true;
        }
        Memory ext = Natives.alloc(Layout.VAL_SIZE);
        ext.setByte(0, Layout.EXTERNREF);
        newExternRef(o, ext.share(Layout.VAL_OF));
        try {
          bridge().internalize(ext, at);
        } finally {
          release(ext);
        }
        return true;
      }
      case EXN -> {
        at.setByte(0, Layout.EXNREF);
        if (o == null) {
          return false;
        }
        GcRoot root = ((WasmtimeExnRef) o).root();
        if (owned) {
          Wasmtime.wasmtime_exnref_clone(root.pointer(), union);
          Reference.reachabilityFence(o); // the handle's root stays until the clone is made
          return true;
        }
        root.copyTo(union); // borrowed: the handle's root outlives the call it is passed to
        return false;
      }
      default -> throw unsupported(t);
    }
  }

  /**
   * The hierarchy {@code v} is written in where {@code t} is expected: a concrete type's index is
   * the engine's to resolve, so the value's own type says, or else the object it refers to.
   */
  private static HeapType.Kind hierarchy(Value v, RefType t) {
    HeapType.Kind top = t.heapType().top();
    if (top == HeapType.Kind.CONCRETE) {
      top = ((RefType) v.type()).heapType().top();
    }
    if (top == HeapType.Kind.CONCRETE && !v.isNull()) {
      Object o = v.refObject().orElseThrow();
      top =
          o instanceof Func
              ? HeapType.Kind.FUNC
              : o instanceof ExnRef ? HeapType.Kind.EXN : HeapType.Kind.ANY;
    }
    return top;
  }

  private void newExternRef(Object o, Pointer union) {
    Pointer data = Pointer.createConstant(handle(o) + 1L);
    if (Wasmtime.wasmtime_externref_new(store.context(), data, null, union) == 0) {
      throw new IllegalStateException("wasmtime could not allocate an externref");
    }
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
      Reference.reachabilityFence(v); // a lent GC handle stays rooted until the call is done
    }
  }

  /** Unroots a reference this class made at {@code at}. */
  static void release(Pointer at) {
    Wasmtime.wasmtime_val_unroot(at);
  }

  /**
   * Reads the {@code wasmtime_val_t} at {@code at} (declared type {@code t}, or null when unknown),
   * which is the layer's: a reference in it is kept in a handle or unrooted.
   */
  Value read(Pointer at, ValType t) {
    return read(at, t, true);
  }

  /**
   * Reads a host function's argument, which stays wasmtime's: nothing is unrooted, and a reference
   * kept in a handle is a clone.
   */
  Value readBorrowed(Pointer at, ValType t) {
    return read(at, t, false);
  }

  private Value read(Pointer at, ValType t, boolean owned) {
    byte kind = at.getByte(0);
    return switch (kind) {
      case Layout.I32 -> Value.i32(at.getInt(Layout.VAL_OF));
      case Layout.I64 -> Value.i64(at.getLong(Layout.VAL_OF));
      case Layout.F32 -> Value.f32Bits(at.getInt(Layout.VAL_OF));
      case Layout.F64 -> Value.f64Bits(at.getLong(Layout.VAL_OF));
      case Layout.V128 -> Value.v128(at.getLong(Layout.VAL_OF), at.getLong(Layout.VAL_OF + 8));
      default -> readRef(at, kind, t instanceof RefType r ? r : null, owned);
    };
  }

  private Value readRef(Pointer at, byte kind, RefType declared, boolean owned) {
    Pointer union = at.share(Layout.VAL_OF);
    if (union.getLong(0) == 0) { // store_id 0 means null for every reference kind
      RefType fallback =
          switch (kind) {
            case Layout.FUNCREF -> RefType.FUNCREF;
            case Layout.EXTERNREF -> RefType.EXTERNREF;
            case Layout.EXNREF -> RefType.EXNREF;
            default -> RefType.ANYREF;
          };
      // a concrete declared type (ref null $t) says nothing of its hierarchy here; the kind does,
      // and a null of that hierarchy's top goes back in anywhere a (ref null $t) is expected
      boolean concrete = declared != null && declared.heapType().kind() == HeapType.Kind.CONCRETE;
      return Value.nullRef(nullable(concrete ? null : declared, fallback));
    }
    return switch (kind) {
      case Layout.FUNCREF -> Value.funcRef(store.func(union));
      case Layout.EXTERNREF -> readExtern(at, owned);
      case Layout.ANYREF -> readAny(at, owned);
      case Layout.EXNREF -> Value.exnRef(readExn(union, owned));
      default -> {
        if (owned) {
          release(at);
        }
        throw unsupported(declared != null ? declared : RefType.EXNREF);
      }
    };
  }

  private Value readExtern(Pointer at, boolean owned) {
    try {
      Pointer data = Wasmtime.wasmtime_externref_data(store.context(), at.share(Layout.VAL_OF));
      long handle = Pointer.nativeValue(data) - 1;
      if (data != null && handle >= 0 && handle < externs.size()) {
        return Value.externRef(externs.get((int) handle));
      }
      // Not made by this store's host: wasm externalized a GC reference (extern.convert_any).
      Memory any = Natives.alloc(Layout.VAL_SIZE);
      bridge().internalize(at, any);
      Value inner = read(any, RefType.ANYREF, true);
      return Value.externRef(inner.refObject().orElseThrow());
    } finally {
      if (owned) {
        release(at);
      }
    }
  }

  private Value readAny(Pointer at, boolean owned) {
    Pointer union = at.share(Layout.VAL_OF);
    Pointer context = store.context();
    boolean adopted = false;
    try {
      if (Wasmtime.wasmtime_anyref_is_i31(context, union) != 0) {
        int[] bits = new int[1];
        Wasmtime.wasmtime_anyref_i31_get_u(context, union, bits);
        return Value.i31Ref(bits[0]);
      }
      boolean struct = Wasmtime.wasmtime_anyref_is_struct(context, union) != 0;
      if (struct || Wasmtime.wasmtime_anyref_is_array(context, union) != 0) {
        Pointer root = union;
        if (!owned) {
          root = Natives.alloc(Layout.REF_SIZE);
          Wasmtime.wasmtime_anyref_clone(union, root);
        }
        adopted = true;
        return struct
            ? Value.structRef(WasmtimeStructRef.adopting(store, root, null))
            : Value.arrayRef(WasmtimeArrayRef.adopting(store, root, null));
      }
      // Neither i31, struct nor array: a host object wasm internalized (any.convert_extern).
      Memory ext = Natives.alloc(Layout.VAL_SIZE);
      bridge().externalize(at, ext);
      Object o = read(ext, RefType.EXTERNREF, true).externRef().orElseThrow();
      return Value.anyRef(o);
    } finally {
      if (owned && !adopted) {
        release(at);
      }
    }
  }

  /** A handle adopting the exnref at {@code union}, or a clone of it when it is not the layer's. */
  private WasmtimeExnRef readExn(Pointer union, boolean owned) {
    Pointer root = union;
    if (!owned) {
      root = Natives.alloc(Layout.REF_SIZE);
      Wasmtime.wasmtime_exnref_clone(union, root);
    }
    return new WasmtimeExnRef(store, root);
  }

  private static RefType nullable(RefType declared, RefType fallback) {
    RefType t = declared != null ? declared : fallback;
    return t.nullable() ? t : new RefType(true, t.heapType());
  }

  static UnsupportedFeatureException unsupported(RefType t) {
    return new UnsupportedFeatureException(
        t.heapType().top() == HeapType.Kind.EXN
            ? dev.wasmlayer.Feature.EXCEPTIONS
            : dev.wasmlayer.Feature.GC,
        WasmtimeEngineProvider.ID,
        t + " values at the host boundary");
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
    try {
      for (int i = 0; i < values.length; i++) {
        rooted[i] = write(values[i], types.get(i), m.share((long) i * Layout.VAL_SIZE));
      }
    } catch (RuntimeException e) {
      releaseAll(m, rooted);
      throw e;
    }
  }

  /** Releases what {@link #writeAll} rooted. */
  static void releaseAll(Memory m, boolean[] rooted) {
    for (int i = 0; i < rooted.length; i++) {
      if (rooted[i]) {
        rooted[i] = false;
        release(m.share((long) i * Layout.VAL_SIZE));
      }
    }
  }

  /** Reads results the layer owns; if one cannot be read, the rest are still unrooted. */
  Value[] readAll(Pointer m, List<ValType> types) {
    Value[] out = new Value[types.size()];
    int i = 0;
    try {
      for (; i < out.length; i++) {
        out[i] = read(m.share((long) i * Layout.VAL_SIZE), types.get(i));
      }
    } catch (RuntimeException e) {
      for (int j = i + 1; j < out.length; j++) {
        release(m.share((long) j * Layout.VAL_SIZE));
      }
      throw e;
    }
    return out;
  }

  /** Reads a host function's arguments, which stay wasmtime's. */
  Value[] readAllBorrowed(Pointer m, List<ValType> types) {
    Value[] out = new Value[types.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = readBorrowed(m.share((long) i * Layout.VAL_SIZE), types.get(i));
    }
    return out;
  }

  void clear() {
    externs.clear();
    handles.clear();
  }
}
