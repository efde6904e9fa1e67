package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.Extern;
import dev.wasmlayer.spi.support.CallerBase;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.Optional;

/**
 * The calling instance, through {@code wasmtime_caller_export_get}. One per store, reused by every
 * host call (so a host call allocates none): it points at the native caller of the innermost host
 * call running on the store, and a nested host call gives the outer one's back when it returns. The
 * native caller dies when its host call returns, so outside every host call this Caller refuses to
 * reach one.
 */
final class WasmtimeCaller extends CallerBase<WasmtimeStore<?>> {
  /** The {@code wasmtime_caller_t*} of the host call running now, 0 outside one. */
  private long caller;

  WasmtimeCaller(WasmtimeStore<?> store) {
    super(store);
  }

  /**
   * A host call starts with {@code nativeCaller}; returns the caller it interrupts, for {@link
   * #leave}.
   */
  long enter(long nativeCaller) {
    long outer = caller;
    caller = nativeCaller;
    return outer;
  }

  /** The host call that {@link #enter} returned {@code outer} for has returned. */
  void leave(long outer) {
    caller = outer;
  }

  @Override
  public Optional<Extern> export(String name) {
    byte[] n = Natives.utf8(name);
    Memory ext = Natives.alloc(Layout.EXTERN_SIZE);
    long gate = store.enterAccess();
    try {
      if (caller == 0) {
        throw new IllegalStateException(
            "a Caller is usable only during the host call it was given to");
      }
      if (Wasmtime.wasmtime_caller_export_get(new Pointer(caller), n, n.length, ext) == 0) {
        return Optional.empty();
      }
      return Optional.ofNullable(WasmtimeExterns.wrap(store, ext));
    } finally {
      store.exitAccess(gate);
    }
  }
}
