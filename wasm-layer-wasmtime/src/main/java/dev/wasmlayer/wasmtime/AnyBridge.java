package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;

/**
 * What wasm can do with references and wasmtime's C API cannot: {@code any.convert_extern}, {@code
 * extern.convert_any} and {@code ref.eq}. A three-function module (compiled once per engine, see
 * {@link WasmtimeEngine#bridgeModule}) is instantiated in the store the first time a host object
 * crosses as an anyref, or two GC handles are compared; it has no memory or table, so it costs the
 * store one small instance.
 */
final class AnyBridge {
  static final String WAT =
      """
      (module
        (func (export "internalize") (param externref) (result anyref)
          local.get 0 any.convert_extern)
        (func (export "externalize") (param anyref) (result externref)
          local.get 0 extern.convert_any)
        (func (export "eq") (param eqref eqref) (result i32)
          local.get 0 local.get 1 ref.eq))
      """;

  /** Epoch ticks no run reaches (wasmtime adds it to the current epoch, so not Long.MAX_VALUE). */
  private static final long NO_DEADLINE = 1L << 62;

  private final WasmtimeStore<?> store;
  private Memory internalize;
  private Memory externalize;
  private Memory eq;

  AnyBridge(WasmtimeStore<?> store) {
    this.store = store;
  }

  private void instantiate() {
    if (internalize != null) {
      return;
    }
    Pointer module = store.engine().bridgeModule();
    Memory instance = Natives.alloc(Layout.INSTANCE_SIZE);
    long[] trap = new long[1];
    Pointer err = Wasmtime.wasmtime_instance_new(store.context(), module, null, 0, instance, trap);
    if (err != null || trap[0] != 0) {
      throw WasmtimeErrors.of(store, err, Natives.pointer(trap), true);
    }
    internalize = export(instance, "internalize");
    externalize = export(instance, "externalize");
    eq = export(instance, "eq");
  }

  private Memory export(Memory instance, String name) {
    Memory ext = Natives.alloc(Layout.EXTERN_SIZE);
    byte[] n = Natives.utf8(name);
    if (Wasmtime.wasmtime_instance_export_get(store.context(), instance, n, n.length, ext) == 0) {
      throw new IllegalStateException("the anyref bridge has no export " + name);
    }
    Memory func = Natives.alloc(Layout.FUNC_SIZE);
    func.write(0, ext.getByteArray(Layout.EXTERN_OF, Layout.FUNC_SIZE), 0, Layout.FUNC_SIZE);
    return func;
  }

  /**
   * {@code any.convert_extern}: the externref {@code wasmtime_val_t} at {@code in} (borrowed)
   * becomes an anyref written at {@code out}, a new root the caller owns.
   */
  void internalize(Pointer in, Pointer out) {
    instantiate();
    call(internalize, in, 1, out);
  }

  /**
   * {@code extern.convert_any}: the anyref {@code wasmtime_val_t} at {@code in} (borrowed) becomes
   * an externref at {@code out}, a new root the caller owns.
   */
  void externalize(Pointer in, Pointer out) {
    instantiate();
    call(externalize, in, 1, out);
  }

  /** {@code ref.eq} of two anyref {@code wasmtime_val_t}s (borrowed) at {@code args}. */
  boolean eq(Pointer args) {
    instantiate();
    Memory out = Natives.alloc(Layout.VAL_SIZE);
    call(eq, args, 2, out);
    return out.getInt(Layout.VAL_OF) != 0;
  }

  /**
   * Calls a bridge function. It is the host's work, not the guest's: with fuel on, the store's fuel
   * is neither spent nor needed, so it is lifted for the call and put back after; with interruption
   * on, a pending stop must not fail host code (it stops wasm, as control returns there), so the
   * epoch deadline is lifted too and afterwards set due at once, for the next check in wasm to ask
   * whether a stop is due.
   */
  private void call(Memory func, Pointer args, int nargs, Pointer out) {
    long[] trap = new long[1];
    Pointer context = store.context();
    long[] fuel = null;
    if (store.engine().config().fuel()) {
      fuel = new long[1];
      check(Wasmtime.wasmtime_context_get_fuel(context, fuel));
      check(Wasmtime.wasmtime_context_set_fuel(context, Long.MAX_VALUE));
    }
    boolean epochs = store.engine().config().interruption();
    if (epochs) {
      Wasmtime.wasmtime_context_set_epoch_deadline(context, NO_DEADLINE);
    }
    Pointer err;
    try {
      err = Wasmtime.wasmtime_func_call(context, func, args, nargs, out, 1, trap);
    } finally {
      if (epochs) {
        Wasmtime.wasmtime_context_set_epoch_deadline(context, 0);
      }
      if (fuel != null) {
        check(Wasmtime.wasmtime_context_set_fuel(context, fuel[0]));
      }
    }
    if (err != null || trap[0] != 0) {
      throw WasmtimeErrors.of(store, err, Natives.pointer(trap), false);
    }
  }

  private static void check(Pointer err) {
    if (err != null) {
      throw new IllegalStateException(
          "wasmtime refused the fuel of the anyref bridge: " + Natives.consumeError(err));
    }
  }
}
