package dev.wasmlayer.wasmtime;

import com.sun.jna.Pointer;
import dev.wasmlayer.wasmtime.internal.Wasmtime;

/**
 * The one JNA callback for every component host function and the one for every host resource
 * destructor, each finding its target by the {@code env} id (as {@link HostCallbacks} does for core
 * functions); wasmtime's finalizer removes the entry when the last store using it goes.
 */
final class ComponentHostCallbacks {
  private ComponentHostCallbacks() {}

  /** What a component host function does when the guest calls it. */
  interface FuncTarget {
    Pointer invoke(Pointer args, long nargs, Pointer results, long nresults);
  }

  /** What a host resource type does when the guest drops one. */
  interface DropTarget {
    Pointer drop(int rep);
  }

  private static final TargetTable<Object> TARGETS = new TargetTable<>();

  private static final String GONE = "wasm-layer: component host function is gone";

  static final Wasmtime.ComponentFuncCallback FUNC =
      (env, context, type, args, nargs, results, nresults) ->
          TARGETS.get(Pointer.nativeValue(env)) instanceof FuncTarget t
              ? t.invoke(args, nargs, results, nresults)
              : Wasmtime.wasmtime_error_new(GONE);

  static final Wasmtime.ResourceDestructor DROP =
      (env, context, rep) ->
          TARGETS.get(Pointer.nativeValue(env)) instanceof DropTarget t ? t.drop(rep) : null;

  static final Wasmtime.Finalizer FINALIZE = data -> TARGETS.remove(Pointer.nativeValue(data));

  static Pointer register(Object target) {
    return new Pointer(TARGETS.add(target));
  }

  /** Live entries (for tests). */
  static int live() {
    return TARGETS.size();
  }
}
