package dev.wasmlayer.wasmtime;

import com.sun.jna.Pointer;
import dev.wasmlayer.HostFunction;
import dev.wasmlayer.RawHostFunction;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.NumType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.types.VecType;
import dev.wasmlayer.wasmtime.internal.HotCalls;
import dev.wasmlayer.wasmtime.internal.Layout;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * Host functions whose types hold only numbers and v128, as {@code wasmtime_func_new_unchecked}
 * callbacks: arguments arrive and results leave in one array of 16-byte {@code wasmtime_val_raw_t}
 * slots, read and written here by address, with no kind tags and no {@code Pointer} objects on the
 * way. References stay on the checked path ({@link WasmtimeHostFunctions}): their raw forms need
 * the store's context to convert. The guarantees are the checked path's: nothing Java unwinds
 * through wasmtime's frames, a throwable is kept by the store and becomes a trap.
 */
final class UncheckedHostFunctions {
  private UncheckedHostFunctions() {}

  /** Whether every parameter and result of {@code type} is a number or v128. */
  static boolean fits(FuncType type) {
    return numeric(type.params()) && numeric(type.results());
  }

  private static boolean numeric(List<ValType> types) {
    for (ValType t : types) {
      if (!(t instanceof NumType) && t != VecType.V128) {
        return false;
      }
    }
    return true;
  }

  /** A host function taking and returning {@link Value}s; {@code type} must {@link #fits}. */
  static WasmtimeFunc create(
      WasmtimeStore<?> owner, String name, FuncType type, HostFunction<Object> fn) {
    return register(owner, name, type, target(owner, name, type, fn));
  }

  /** The callback target of a {@link HostFunction}; {@code type} must {@link #fits}. */
  static HostCallbacks.RawTarget target(
      WasmtimeStore<?> owner, String name, FuncType type, HostFunction<Object> fn) {
    return new ValueTarget(new WeakReference<>(owner), type, fn, name);
  }

  /** The callback target of a {@link RawHostFunction}; {@code type} must {@link #fits}. */
  static HostCallbacks.RawTarget rawTarget(
      WasmtimeStore<?> owner, String name, FuncType type, RawHostFunction<Object> fn) {
    if (!fits(type)) {
      throw new IllegalArgumentException(
          "raw host function " + name + ": references cannot be slots: " + type);
    }
    return new SlotTarget(new WeakReference<>(owner), type, fn, name);
  }

  /**
   * Makes a {@code wasmtime_func_t} at {@code out} calling {@code target}, from a native type made
   * by the caller.
   */
  static void make(
      WasmtimeStore<?> store, Pointer funcType, HostCallbacks.RawTarget target, Pointer out) {
    // wasmtime calls FINALIZE with env when the store is deleted, which drops the registry entry
    HotCalls.get()
        .funcNewUnchecked(
            store.context(),
            funcType,
            HostCallbacks.RAW_DISPATCH,
            HostCallbacks.register(target),
            HostCallbacks.FINALIZE,
            out);
  }

  /** A raw host function: arguments and results as slots; {@code type} must {@link #fits}. */
  static WasmtimeFunc createRaw(
      WasmtimeStore<?> owner, String name, FuncType type, RawHostFunction<Object> fn) {
    return register(owner, name, type, rawTarget(owner, name, type, fn));
  }

  private static WasmtimeFunc register(
      WasmtimeStore<?> store, String name, FuncType type, HostCallbacks.RawTarget target) {
    return WasmtimeHostFunctions.made(store, name, type, (ft, out) -> make(store, ft, target, out));
  }

  /**
   * The trap for a throwable, kept by the store for the call boundary to rethrow as the trap's
   * cause.
   */
  private static long fail(WasmtimeStore<?> store, String name, Throwable t) {
    return Pointer.nativeValue(WasmtimeHostFunctions.fail(store, name, t));
  }

  private static long gone() {
    return Pointer.nativeValue(WasmtimeHostFunctions.gone());
  }

  /**
   * A {@link HostFunction}: each slot becomes a {@link Value}, each result goes back into its slot.
   */
  private static final class ValueTarget implements HostCallbacks.RawTarget {
    private final WeakReference<WasmtimeStore<?>> store;
    private final FuncType type;
    private final HostFunction<Object> fn;
    private final String name;
    private final byte[] params;
    private final byte[] results;

    ValueTarget(
        WeakReference<WasmtimeStore<?>> store,
        FuncType type,
        HostFunction<Object> fn,
        String name) {
      this.store = store;
      this.type = type;
      this.fn = fn;
      this.name = name;
      this.params = RawSlots.kinds(type.params());
      this.results = RawSlots.kinds(type.results());
    }

    @Override
    public long invoke(long caller, long argsAndResults, long n) {
      WasmtimeStore<?> s = store.get();
      if (s == null) {
        return gone();
      }
      try {
        HotCalls hot = HotCalls.get();
        Value[] in = new Value[params.length];
        for (int i = 0; i < in.length; i++) {
          in[i] = RawSlots.read(hot, argsAndResults + (long) i * Layout.VAL_RAW_SIZE, params[i]);
        }
        WasmtimeCaller c = s.caller();
        long outer = c.enter(caller);
        Value[] out;
        try {
          out = fn.call(c, in);
        } finally {
          c.leave(outer);
        }
        if (out == null) {
          throw new NullPointerException(
              "host function " + name + " returned null; return Value.NONE for none");
        }
        if (out.length != results.length) {
          throw new IllegalArgumentException(
              "host function "
                  + name
                  + " result expects "
                  + results.length
                  + " values, got "
                  + out.length);
        }
        WasmtimeValues values = s.values();
        for (int i = 0; i < out.length; i++) {
          values.check(out[i], type.results().get(i), "host function " + name + " result " + i);
        }
        for (int i = 0; i < out.length; i++) {
          RawSlots.write(hot, argsAndResults + (long) i * Layout.VAL_RAW_SIZE, results[i], out[i]);
        }
        return 0;
      } catch (Throwable t) {
        return fail(s, name, t);
      }
    }
  }

  /**
   * A {@link RawHostFunction}: slots copied into a {@code long[]} and back, reused when calls do
   * not nest.
   */
  private static final class SlotTarget implements HostCallbacks.RawTarget {
    private final WeakReference<WasmtimeStore<?>> store;
    private final RawHostFunction<Object> fn;
    private final String name;
    private final byte[] params;
    private final byte[] results;
    private final int size;
    private long[] slots;
    private int depth;

    SlotTarget(
        WeakReference<WasmtimeStore<?>> store,
        FuncType type,
        RawHostFunction<Object> fn,
        String name) {
      this.store = store;
      this.fn = fn;
      this.name = name;
      this.params = RawSlots.kinds(type.params());
      this.results = RawSlots.kinds(type.results());
      this.size = type.slotArraySize();
    }

    @Override
    public long invoke(long caller, long argsAndResults, long n) {
      WasmtimeStore<?> s = store.get();
      if (s == null) {
        return gone();
      }
      long[] v = depth == 0 && slots != null ? slots : new long[size];
      if (depth == 0) {
        slots = v;
      }
      depth++;
      try {
        HotCalls hot = HotCalls.get();
        int at = 0;
        for (int i = 0; i < params.length; i++) {
          at =
              RawSlots.readInto(
                  hot, argsAndResults + (long) i * Layout.VAL_RAW_SIZE, params[i], v, at);
        }
        WasmtimeCaller c = s.caller();
        long outer = c.enter(caller);
        try {
          fn.call(c, v);
        } finally {
          c.leave(outer);
        }
        at = 0;
        for (int i = 0; i < results.length; i++) {
          at =
              RawSlots.writeFrom(
                  hot, argsAndResults + (long) i * Layout.VAL_RAW_SIZE, results[i], v, at);
        }
        return 0;
      } catch (Throwable t) {
        return fail(s, name, t);
      } finally {
        depth--;
      }
    }
  }
}
