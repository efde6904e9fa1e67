package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.HostFunction;
import dev.wasmlayer.RawHostFunction;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.NumType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wasmtime.internal.HotCalls;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.lang.ref.WeakReference;

/**
 * Host functions as {@code wasmtime_func_new} callbacks. Nothing Java unwinds through wasmtime's frames: whatever the
 * function throws is caught, kept by the store, and a trap goes back to wasm; the call boundary then rethrows it as the
 * cause of a {@link dev.wasmlayer.TrapKind#HOST} trap. The callback registry holds the store weakly, so a store nobody
 * closes can still be collected (and its Cleaner delete it).
 */
final class WasmtimeHostFunctions {
  private WasmtimeHostFunctions() {}

  private static final byte[] TRAP_TEXT = Natives.utf8("host function threw a Java exception");

  /** A {@code wasmtime_func_t} in {@code store} calling {@code fn}; the callback is kept alive by the store. */
  static WasmtimeFunc create(WasmtimeStore<?> owner, String name, FuncType type, HostFunction<Object> fn) {
    WeakReference<WasmtimeStore<?>> weak = new WeakReference<>(owner);
    HostCallbacks.Target cb = (caller, args, nargs, results, nresults) -> {
      WasmtimeStore<?> store = weak.get();
      if (store == null) {
        return gone();
      }
      try {
        WasmtimeValues values = store.values();
        Value[] in = values.readAll(args == null ? new Memory(1) : args, type.params());
        WasmtimeCaller c = new WasmtimeCaller(store, caller);
        Value[] out;
        try {
          out = fn.call(c, in);
        } finally {
          c.invalidate();
        }
        if (out == null) {
          throw new NullPointerException("host function " + name + " returned null; return Value.NONE for none");
        }
        if (out.length != type.results().size()) {
          throw new IllegalArgumentException("host function " + name + " result expects " + type.results().size()
              + " values, got " + out.length);
        }
        for (int i = 0; i < out.length; i++) {
          values.check(out[i], type.results().get(i), "host function " + name + " result " + i);
        }
        for (int i = 0; i < out.length; i++) {
          // Ownership of a result reference passes to wasmtime, so nothing is released here.
          values.write(out[i], type.results().get(i), results.share((long) i * Layout.VAL_SIZE));
        }
        return null;
      } catch (Throwable t) {
        return fail(store, name, t);
      }
    };
    return register(owner, name, type, cb);
  }

  /** The raw form: arguments arrive as slots, results leave as slots. Numbers and v128 only. */
  static WasmtimeFunc createRaw(WasmtimeStore<?> owner, String name, FuncType type, RawHostFunction<Object> fn) {
    WeakReference<WasmtimeStore<?>> weak = new WeakReference<>(owner);
    return register(owner, name, type, new RawTarget(weak, type, fn, name));
  }

  /** A raw host function's dispatch target: reads and writes values in place, reusing its slot array when not nested. */
  private static final class RawTarget implements HostCallbacks.Target {
    private final WeakReference<WasmtimeStore<?>> store;
    private final RawHostFunction<Object> fn;
    private final String name;
    private final byte[] params;
    private final byte[] results;
    private final int size;
    private long[] slots;
    private int depth;

    RawTarget(WeakReference<WasmtimeStore<?>> store, FuncType type, RawHostFunction<Object> fn, String name) {
      this.store = store;
      this.fn = fn;
      this.name = name;
      this.params = kinds(type.params());
      this.results = kinds(type.results());
      this.size = type.slotArraySize();
    }

    @Override
    public Pointer invoke(Pointer caller, Pointer args, long nargs, Pointer out, long nresults) {
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
          long off = (long) i * Layout.VAL_SIZE + Layout.VAL_OF;
          byte k = params[i];
          if (k == Layout.V128) {
            v[at++] = hot.getLong(args, off);
            v[at++] = hot.getLong(args, off + 8);
          } else if (k == Layout.I32) {
            v[at++] = hot.getInt(args, off);
          } else if (k == Layout.F32) {
            v[at++] = hot.getInt(args, off) & 0xFFFF_FFFFL;
          } else {
            v[at++] = hot.getLong(args, off);
          }
        }
        WasmtimeCaller c = new WasmtimeCaller(s, caller);
        try {
          fn.call(c, v);
        } finally {
          c.invalidate();
        }
        at = 0;
        for (int i = 0; i < results.length; i++) {
          long off = (long) i * Layout.VAL_SIZE;
          byte k = results[i];
          hot.setByte(out, off, k);
          if (k == Layout.V128) {
            hot.setLong(out, off + Layout.VAL_OF, v[at++]);
            hot.setLong(out, off + Layout.VAL_OF + 8, v[at++]);
          } else if (k == Layout.I32 || k == Layout.F32) {
            hot.setInt(out, off + Layout.VAL_OF, (int) v[at++]);
          } else {
            hot.setLong(out, off + Layout.VAL_OF, v[at++]);
          }
        }
        return null;
      } catch (Throwable t) {
        return fail(s, name, t);
      } finally {
        depth--;
      }
    }

    private static byte[] kinds(java.util.List<ValType> types) {
      byte[] k = new byte[types.size()];
      for (int i = 0; i < k.length; i++) {
        k[i] = kind(types.get(i));
      }
      return k;
    }
  }

  /** The store was collected while wasmtime still ran code of it: cannot happen through the API, trap if it does. */
  static Pointer gone() {
    return Wasmtime.wasmtime_trap_new(TRAP_TEXT, TRAP_TEXT.length);
  }

  private static byte kind(ValType t) {
    if (t == NumType.I32) {
      return Layout.I32;
    } else if (t == NumType.I64) {
      return Layout.I64;
    } else if (t == NumType.F32) {
      return Layout.F32;
    } else if (t == NumType.F64) {
      return Layout.F64;
    }
    return Layout.V128;
  }

  /** Even a VM error is kept rather than thrown: unwinding through wasmtime's frames is never safe. */
  static Pointer fail(WasmtimeStore<?> store, String name, Throwable t) {
    store.hostFailed(new WasmtimeErrors.HostFailure(name, t));
    return Wasmtime.wasmtime_trap_new(TRAP_TEXT, TRAP_TEXT.length);
  }

  /** A {@code wasmtime_func_t} in {@code store} whose calls go to {@code cb} as they come (for the backend's own). */
  static WasmtimeFunc register(WasmtimeStore<?> store, String name, FuncType type, HostCallbacks.Target cb) {
    Pointer ft = WasmtimeTypes.toNative(type);
    Memory struct = Natives.alloc(Layout.FUNC_SIZE);
    try {
      // wasmtime calls FINALIZE with env when the store is deleted, which drops the registry entry
      HotCalls.get().funcNew(store.context(), ft, HostCallbacks.DISPATCH, HostCallbacks.register(cb),
          HostCallbacks.FINALIZE, struct);
    } finally {
      Wasmtime.wasm_functype_delete(ft);
    }
    return new WasmtimeFunc(store, struct, type, name);
  }
}
