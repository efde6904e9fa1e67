package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.Caller;
import dev.wasmlayer.Extern;
import dev.wasmlayer.Store;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.Optional;

/** The calling instance, through {@code wasmtime_caller_export_get}; valid only during the host call. */
final class WasmtimeCaller implements Caller<Object> {
  private final WasmtimeStore<?> store;
  private final Pointer caller;
  /** The native caller dies when the host call returns; a Caller kept past it must not reach it. */
  private boolean valid = true;

  WasmtimeCaller(WasmtimeStore<?> store, Pointer caller) {
    this.store = store;
    this.caller = caller;
  }

  @Override
  public Object data() {
    return store.data();
  }

  @Override
  public Store<?> store() {
    return store;
  }

  @Override
  public Optional<Extern> export(String name) {
    byte[] n = Natives.utf8(name);
    Memory ext = Natives.alloc(Layout.EXTERN_SIZE);
    long gate = store.enterAccess();
    try {
      if (!valid) {
        throw new IllegalStateException("a Caller is usable only during the host call it was given to");
      }
      if (Wasmtime.wasmtime_caller_export_get(caller, n, n.length, ext) == 0) {
        return Optional.empty();
      }
      return Optional.ofNullable(WasmtimeExterns.wrap(store, ext));
    } finally {
      store.exitAccess(gate);
    }
  }

  /** Called when the host call returns. */
  void invalidate() {
    valid = false;
  }
}
