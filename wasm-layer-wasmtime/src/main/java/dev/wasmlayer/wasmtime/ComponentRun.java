package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;

/**
 * One run of a WASI 0.2 command component in a store, inside the store's call gate: a component
 * linker with wasmtime's WASI 0.2 (served by the store's WASI config, which wasmtime shares between
 * preview 1 and 0.2), instantiation, then {@code wasi:cli/run#run}.
 */
final class ComponentRun {
  private static final String RUN_INTERFACE = "wasi:cli/run@";

  private ComponentRun() {}

  /** Runs {@code command}; 0 when {@code run} returns ok, 1 when it returns an error. */
  static int run(WasmtimeStore<?> store, WasmtimeComponent command) {
    String runName =
        command.exports().stream()
            .filter(n -> n.startsWith(RUN_INTERFACE))
            .findFirst()
            .orElseThrow(
                () ->
                    new LinkException(
                        "not a WASI command: the component exports no "
                            + RUN_INTERFACE
                            + "* interface (exports: "
                            + command.exports()
                            + ")"));
    Pointer component = command.acquire();
    Pointer linker = Wasmtime.wasmtime_component_linker_new(store.engine().pointer());
    try {
      // Without a WASI config wasmtime's WASI would find no context and abort: leave it out, so
      // a component importing WASI fails to link instead.
      if (store.wasi() != null) {
        Pointer err = Wasmtime.wasmtime_component_linker_add_wasip2(linker);
        if (err != null) {
          throw new IllegalStateException(
              "wasmtime could not define WASI 0.2: " + Natives.consumeError(err));
        }
      }
      Memory instance = Natives.alloc(Layout.COMPONENT_INSTANCE_SIZE);
      Pointer err =
          Wasmtime.wasmtime_component_linker_instantiate(
              linker, store.context(), component, instance);
      if (err != null) {
        throw WasmtimeErrors.of(store, err, null, true);
      }
      Memory func = runFunc(store, instance, runName);
      Memory result = Natives.alloc(Layout.COMPONENT_VAL_SIZE);
      err = Wasmtime.wasmtime_component_func_call(func, store.context(), null, 0, result, 1);
      if (err != null) {
        throw WasmtimeErrors.of(store, err, null, false);
      }
      try {
        return result.getByte(0) == Layout.COMPONENT_RESULT && result.getByte(8) != 0 ? 0 : 1;
      } finally {
        Wasmtime.wasmtime_component_val_delete(result);
      }
    } finally {
      Wasmtime.wasmtime_component_linker_delete(linker);
      command.release();
    }
  }

  private static Memory runFunc(WasmtimeStore<?> store, Memory instance, String runName) {
    Pointer iface = exportIndex(store, instance, null, runName);
    if (iface == null) {
      throw new LinkException("the component's instance has no export " + runName);
    }
    try {
      Pointer run = exportIndex(store, instance, iface, "run");
      if (run == null) {
        throw new LinkException(runName + " has no function run");
      }
      try {
        Memory func = Natives.alloc(Layout.COMPONENT_FUNC_SIZE);
        if (Wasmtime.wasmtime_component_instance_get_func(instance, store.context(), run, func)
            == 0) {
          throw new LinkException(runName + "#run is not a function");
        }
        return func;
      } finally {
        Wasmtime.wasmtime_component_export_index_delete(run);
      }
    } finally {
      Wasmtime.wasmtime_component_export_index_delete(iface);
    }
  }

  private static Pointer exportIndex(
      WasmtimeStore<?> store, Memory instance, Pointer parent, String name) {
    byte[] n = Natives.utf8(name);
    return Wasmtime.wasmtime_component_instance_get_export_index(
        instance, store.context(), parent, n, n.length);
  }
}
