package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.HostFunction;
import dev.wasmlayer.RawHostFunction;
import dev.wasmlayer.ThrownException;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.support.HostFailure;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.wasmtime.internal.HotCalls;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;

/**
 * Host functions as {@code wasmtime_func_new} callbacks (those with references; numbers-only ones
 * are {@link UncheckedHostFunctions}). Nothing Java unwinds through wasmtime's frames: whatever the
 * function throws is caught, kept by the store, and a trap goes back to wasm; the call boundary
 * then rethrows it as the cause of a {@link dev.wasmlayer.TrapKind#HOST} trap. The callback
 * registry holds the store weakly, so a store nobody closes can still be collected (and its Cleaner
 * delete it).
 */
final class WasmtimeHostFunctions {
  private WasmtimeHostFunctions() {}

  private static final byte[] TRAP_TEXT = Natives.utf8("host function threw a Java exception");

  /**
   * A {@code wasmtime_func_t} in {@code store} calling {@code fn}; the callback is kept alive by
   * the store.
   */
  static WasmtimeFunc create(
      WasmtimeStore<?> owner, String name, FuncType type, HostFunction<Object> fn) {
    return create(owner, name, type, fn, null);
  }

  /**
   * As {@link #create(WasmtimeStore, String, FuncType, HostFunction)}; {@code nativeType}, when not
   * null, is the native type to make it with (taken over), for types only a module can describe.
   */
  static WasmtimeFunc create(
      WasmtimeStore<?> owner,
      String name,
      FuncType type,
      HostFunction<Object> fn,
      Pointer nativeType) {
    if (UncheckedHostFunctions.fits(type)) {
      return UncheckedHostFunctions.create(
          owner, name, type, fn); // no references: the cheaper raw-slot entry
    }
    HostCallbacks.Target cb = target(owner, name, type, fn);
    return made(owner, name, type, nativeType, (ft, out) -> make(owner, ft, cb, out));
  }

  /**
   * The callback target of a host function with references, on {@code wasmtime_func_new}'s checked
   * values.
   */
  static HostCallbacks.Target target(
      WasmtimeStore<?> owner, String name, FuncType type, HostFunction<Object> fn) {
    WeakReference<WasmtimeStore<?>> weak = new WeakReference<>(owner);
    return (caller, args, nargs, results, nresults) -> {
      WasmtimeStore<?> store = weak.get();
      if (store == null) {
        return gone();
      }
      try {
        WasmtimeValues values = store.values();
        Value[] in = values.readAllBorrowed(args == null ? new Memory(1) : args, type.params());
        WasmtimeCaller c = store.caller();
        long outer = c.enter(Pointer.nativeValue(caller));
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
        if (out.length != type.results().size()) {
          throw new IllegalArgumentException(
              "host function "
                  + name
                  + " result expects "
                  + type.results().size()
                  + " values, got "
                  + out.length);
        }
        for (int i = 0; i < out.length; i++) {
          values.check(out[i], type.results().get(i), "host function " + name + " result " + i);
        }
        for (int i = 0; i < out.length; i++) {
          // Ownership of a result reference passes to wasmtime, so nothing is released here.
          values.writeOwned(
              out[i], type.results().get(i), results.share((long) i * Layout.VAL_SIZE));
        }
        Reference.reachabilityFence(out); // result handles stay rooted until cloned for wasmtime
        return null;
      } catch (Throwable t) {
        return fail(store, name, t);
      }
    };
  }

  /** The raw form: arguments arrive as slots, results leave as slots. Numbers and v128 only. */
  static WasmtimeFunc createRaw(
      WasmtimeStore<?> owner, String name, FuncType type, RawHostFunction<Object> fn) {
    return UncheckedHostFunctions.createRaw(owner, name, type, fn);
  }

  /**
   * The store was collected while wasmtime still ran code of it: cannot happen through the API,
   * trap if it does.
   */
  static Pointer gone() {
    return Wasmtime.wasmtime_trap_new(TRAP_TEXT, TRAP_TEXT.length);
  }

  /**
   * Even a VM error is kept rather than thrown: unwinding through wasmtime's frames is never safe.
   * A {@link ThrownException} of this store becomes that wasm exception, thrown where wasm called
   * the host function (a {@code try_table} there may catch it); one of another store is a misuse,
   * kept as the host function's failure.
   */
  static Pointer fail(WasmtimeStore<?> store, String name, Throwable t) {
    if (t instanceof ThrownException thrown) {
      if (thrown.exception() instanceof WasmtimeExnRef exn
          && exn.store() == store
          && !exn.root().released()) {
        Pointer trap =
            Wasmtime.wasmtime_context_set_exception(store.context(), exn.root().pointer());
        Reference.reachabilityFence(exn); // rooted until wasmtime has taken the exception
        return trap;
      }
      t =
          new IllegalArgumentException(
              "host function "
                  + name
                  + " threw a ThrownException whose exception belongs to another store or engine",
              t);
    }
    store.hostFailed(new HostFailure(name, t));
    return Wasmtime.wasmtime_trap_new(TRAP_TEXT, TRAP_TEXT.length);
  }

  /**
   * A {@code wasmtime_func_t} in {@code store} whose calls go to {@code cb} as they come (for the
   * backend's own).
   */
  static WasmtimeFunc register(
      WasmtimeStore<?> store, String name, FuncType type, HostCallbacks.Target cb) {
    // wasmtime calls FINALIZE with env when the store is deleted, which drops the registry entry
    return made(store, name, type, (ft, out) -> make(store, ft, cb, out));
  }

  /**
   * Makes a {@code wasmtime_func_t} at {@code out} calling {@code cb}, from a native type made by
   * the caller.
   */
  static void make(WasmtimeStore<?> store, Pointer funcType, HostCallbacks.Target cb, Pointer out) {
    HotCalls.get()
        .funcNew(
            store.context(),
            funcType,
            HostCallbacks.DISPATCH,
            HostCallbacks.register(cb),
            HostCallbacks.FINALIZE,
            out);
  }

  /**
   * How a {@code wasmtime_func_t} is made from a native function type into {@code out}: checked or
   * unchecked.
   */
  interface FuncNew {
    void make(Pointer funcType, Memory out);
  }

  /**
   * A {@code wasmtime_func_t} of {@code type} in {@code store}, made by {@code how}; the native
   * type is freed after.
   */
  static WasmtimeFunc made(WasmtimeStore<?> store, String name, FuncType type, FuncNew how) {
    return made(store, name, type, null, how);
  }

  /** As above, with {@code nativeType} (taken over) instead of one made from {@code type}. */
  static WasmtimeFunc made(
      WasmtimeStore<?> store, String name, FuncType type, Pointer nativeType, FuncNew how) {
    Pointer ft = nativeType != null ? nativeType : WasmtimeTypes.toNative(type);
    Memory struct = Natives.alloc(Layout.FUNC_SIZE);
    try {
      how.make(ft, struct);
    } finally {
      Wasmtime.wasm_functype_delete(ft);
    }
    return new WasmtimeFunc(store, struct, type, name);
  }
}
