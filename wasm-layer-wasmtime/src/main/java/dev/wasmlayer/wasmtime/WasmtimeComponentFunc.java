package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.Objects;

/**
 * An exported component function: arguments lowered to component values, the call made through the
 * store's call gate (same thread, deadline, fuel, interruption as a core call), the result lifted
 * and deleted, then post-return. Every value this side builds or receives is deleted exactly once.
 */
final class WasmtimeComponentFunc implements ComponentFunc {
  private static final int VAL = WitLower.VAL;

  private final WasmtimeComponentInstance instance;
  private final String name;
  private final WitFuncType type;
  private final Memory func;

  /** Argument and result slots reused by calls that do not overlap (owner thread only). */
  private final Memory params;

  private final Memory result = Natives.alloc(VAL);
  private boolean busy;

  WasmtimeComponentFunc(
      WasmtimeComponentInstance instance, String name, WitFuncType type, Memory func) {
    this.instance = instance;
    this.name = name;
    this.type = type;
    this.func = func;
    this.params = Natives.alloc((long) Math.max(1, type.params().size()) * VAL);
  }

  @Override
  public WitFuncType type() {
    return type;
  }

  @Override
  public Object call(Object... args) {
    Objects.requireNonNull(args, "args");
    int n = type.params().size();
    if (args.length != n) {
      throw new IllegalArgumentException(
          name
              + " takes "
              + n
              + " argument"
              + (n == 1 ? "" : "s")
              + " "
              + type
              + ", got "
              + args.length);
    }
    instance.checkUsable(name);
    WasmtimeStore<?> store = instance.wasmtimeStore();
    long gate = store.enterCall();
    try {
      return callEntered(store, args);
    } finally {
      store.exitCall(gate);
    }
  }

  private Object callEntered(WasmtimeStore<?> store, Object[] args) {
    ComponentResources resources = store.componentResources();
    WasmtimeComponentInstance previous = resources.enter(instance);
    try {
      return callIn(store, resources, args);
    } finally {
      resources.leave(previous);
    }
  }

  private Object callIn(WasmtimeStore<?> store, ComponentResources resources, Object[] args) {
    WitLower lower = resources.lowering();
    int n = args.length;
    boolean reuse = !busy; // a host function calling this function again gets its own slots
    busy = true;
    Memory params = reuse ? this.params : Natives.alloc((long) Math.max(1, n) * VAL);
    Memory result = reuse ? this.result : Natives.alloc(VAL);
    int lowered = 0;
    try {
      for (; lowered < n; lowered++) {
        WitFuncType.Param p = type.params().get(lowered);
        lower.lower(
            args[lowered],
            p.type(),
            params.share((long) lowered * VAL),
            name + " parameter " + p.name());
      }
      boolean hasResult = type.result().isPresent();
      result.setLong(0, 0); // a valid `false` for wasmtime to overwrite
      result.setLong(8, 0);
      Pointer err =
          Wasmtime.wasmtime_component_func_call(
              func, store.context(), params, n, hasResult ? result : null, hasResult ? 1 : 0);
      resources.settleMoves(true);
      if (err != null) {
        throw failed(store, err);
      }
      Object out;
      try {
        out = hasResult ? resources.lifting().lift(result, type.result().get()) : null;
      } finally {
        if (hasResult) {
          delete(result);
        }
      }
      err = Wasmtime.wasmtime_component_func_post_return(func, store.context());
      if (err != null) {
        throw failed(store, err);
      }
      return out;
    } finally {
      for (int i = 0; i < lowered; i++) {
        delete(params.share((long) i * VAL));
      }
      resources.settleMoves(false); // lowering failed: the handles stay with the host
      resources.endCall();
      if (reuse) {
        busy = false;
      }
    }
  }

  /** Deletes a value; a number, bool or char owns nothing, so it costs no native call. */
  private static void delete(Pointer v) {
    if (v.getByte(0) > ValKind.CHAR) {
      Wasmtime.wasmtime_component_val_delete(v);
    }
  }

  private RuntimeException failed(WasmtimeStore<?> store, Pointer err) {
    RuntimeException e = WasmtimeErrors.of(store, err, null, false);
    if (e instanceof TrapException t
        && t.getMessage().contains("cannot enter component instance")) {
      e =
          new TrapException(
              t.kind(),
              t.getMessage()
                  + " (wasmtime 49: after a trap in a component instance, no component instance of"
                  + " the same store can be entered again; use a new store)",
              t.getCause());
    }
    if (e instanceof TrapException || e instanceof WasmException) {
      instance.trapped();
    }
    return e;
  }

  @Override
  public String toString() {
    return name + ": " + type;
  }
}
