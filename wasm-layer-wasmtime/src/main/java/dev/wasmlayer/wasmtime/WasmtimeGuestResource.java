package dev.wasmlayer.wasmtime;

import com.sun.jna.Pointer;
import dev.wasmlayer.component.GuestResource;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.wasmtime.internal.Wasmtime;

/**
 * A resource of a component held by the host: a cloned {@code wasmtime_component_resource_any_t}.
 * {@link #close()} of an owned one runs the guest's destructor ({@code resource_any_drop}) through
 * the store's call gate; a borrowed one only lets go. Passing an owned one to the guest as {@code
 * own} moves it there, after which it is closed here.
 */
final class WasmtimeGuestResource implements GuestResource {
  private final ComponentResources owner;
  private final WasmtimeComponentInstance origin;
  private final ResourceType type;
  private final boolean owned;
  private Pointer any; // null once closed, moved or released

  WasmtimeGuestResource(
      ComponentResources owner,
      WasmtimeComponentInstance origin,
      Pointer any,
      ResourceType type,
      boolean owned) {
    this.owner = owner;
    this.origin = origin;
    this.any = any;
    this.type = type;
    this.owned = owned;
  }

  ComponentResources owner() {
    return owner;
  }

  /** The instance it came from (null if unknown): only that instance takes it back. */
  WasmtimeComponentInstance origin() {
    return origin;
  }

  @Override
  public ResourceType type() {
    return type;
  }

  @Override
  public boolean isOwned() {
    return owned && any != null; // not once given away or dropped
  }

  private Pointer live(String what) {
    Pointer p = any;
    if (p == null) {
      throw new IllegalStateException(
          what
              + ": the "
              + type
              + " handle is gone (closed, moved to the guest, or a borrow whose call ended)");
    }
    return p;
  }

  /** A copy for a borrow (the caller's value owns it). */
  Pointer lend(String what) {
    return Wasmtime.wasmtime_component_resource_any_clone(live(what));
  }

  /**
   * A copy for an own: this handle moves to the guest, and is let go here once the call has taken
   * it ({@link ComponentResources#settleMoves}); a call refused before wasmtime ran leaves it here.
   */
  Pointer moveOut(String what) {
    if (!owned) {
      throw new IllegalArgumentException(what + ": a borrowed " + type + " cannot be given as own");
    }
    Pointer copy = Wasmtime.wasmtime_component_resource_any_clone(live(what));
    owner.moving(this, what);
    return copy;
  }

  /**
   * Lets go of the handle without running the destructor, once: a borrowed handle's close takes no
   * store gate, so two threads may get here together; only the one that takes the pointer frees it
   * (no other lock is held while freeing, so this never nests with the owner's).
   */
  void release() {
    Pointer p;
    synchronized (this) {
      p = any;
      any = null;
    }
    if (p != null) {
      Wasmtime.wasmtime_component_resource_any_delete(p);
      owner.forget(this);
    }
  }

  @Override
  public void close() {
    if (any == null) {
      return;
    }
    if (!owned) {
      release();
      return;
    }
    WasmtimeStore<?> store = owner.store();
    long gate = store.enterCall();
    try {
      Pointer p = any;
      if (p == null) {
        return;
      }
      Pointer err = Wasmtime.wasmtime_component_resource_any_drop(store.context(), p);
      release();
      if (err != null) {
        throw WasmtimeErrors.of(store, err, null, false);
      }
    } finally {
      store.exitCall(gate);
    }
  }

  @Override
  public String toString() {
    return (owned ? "own " : "borrow ") + type + (any == null ? " (gone)" : "");
  }
}
