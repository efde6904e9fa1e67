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

  private void call(Memory func, Pointer args, int nargs, Pointer out) {
    long[] trap = new long[1];
    Pointer err = Wasmtime.wasmtime_func_call(store.context(), func, args, nargs, out, 1, trap);
    if (err != null || trap[0] != 0) {
      throw WasmtimeErrors.of(store, err, Natives.pointer(trap), false);
    }
  }
}
