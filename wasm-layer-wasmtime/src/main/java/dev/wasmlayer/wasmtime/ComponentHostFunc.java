package dev.wasmlayer.wasmtime;

import com.sun.jna.Pointer;
import dev.wasmlayer.component.ComponentHostFunction;
import dev.wasmlayer.component.ResultType;
import dev.wasmlayer.component.WitErrorException;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.lang.ref.WeakReference;

/**
 * A Java function a component imports, as wasmtime calls it: arguments lifted (wasmtime owns and
 * frees them), the result lowered into wasmtime's slot. Anything thrown is kept by the store and
 * traps the guest with {@code HOST}; {@link WitErrorException} returns a result's error instead
 * when the function returns a result. The store is held weakly: the callback registry must never
 * keep a forgotten store alive.
 */
final class ComponentHostFunc implements ComponentHostCallbacks.FuncTarget {
  private static final int VAL = WitLower.VAL;

  private final WeakReference<WasmtimeStore<?>> store;
  private final String name;
  private final WitFuncType type;
  private final ComponentHostFunction function;

  ComponentHostFunc(
      WasmtimeStore<?> store, String name, WitFuncType type, ComponentHostFunction function) {
    this.store = new WeakReference<>(store);
    this.name = name;
    this.type = type;
    this.function = function;
  }

  @Override
  public Pointer invoke(Pointer args, long nargs, Pointer results, long nresults) {
    WasmtimeStore<?> s = store.get();
    if (s == null) {
      return Wasmtime.wasmtime_error_new("wasm-layer: the store of " + name + " is gone");
    }
    ComponentResources resources = s.componentResources();
    try {
      resources.enterHostCall();
      try {
        return run(resources, args, nargs, results, nresults);
      } finally {
        resources.exitHostCall();
      }
    } catch (Throwable t) {
      if (results != null && nresults > 0) {
        results.setMemory(0, VAL * nresults, (byte) 0); // a plain `false` again
      }
      s.hostFailed(t);
      return Wasmtime.wasmtime_error_new("wasm-layer: host function " + name + " failed");
    }
  }

  private Pointer run(
      ComponentResources resources, Pointer args, long nargs, Pointer results, long nresults)
      throws Exception {
    int n = type.params().size();
    if (nargs != n || nresults != (type.result().isPresent() ? 1 : 0)) {
      throw new IllegalStateException(
          name + " was called with " + nargs + " arguments and " + nresults + " results");
    }
    Object[] jargs = new Object[n];
    for (int i = 0; i < n; i++) {
      jargs[i] = resources.lifting().lift(args.share((long) i * VAL), type.params().get(i).type());
    }
    Object result;
    try {
      result = function.call(jargs);
    } catch (WitErrorException e) {
      if (!(type.result().orElse(null) instanceof ResultType)) {
        throw e;
      }
      result = WitResult.err(e.error());
    }
    if (type.result().isPresent()) {
      try {
        resources.lowering().lower(result, type.result().get(), results, name + " result");
      } catch (RuntimeException | Error e) {
        resources.settleMoves(false);
        throw e;
      }
      resources.settleMoves(true);
    }
    return null;
  }
}
