package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One rooted GC reference the layer holds for a host handle ({@code wasmtime_anyref_t} or {@code
 * wasmtime_exnref_t}, 24 bytes of native memory): it keeps the object alive in its store until
 * released, which happens once, by whichever comes first: the handle becoming unreachable (its
 * Cleaner runs this), or the store closing. Unrooting needs no store and is thread-safe in wasmtime
 * (it drops a shared liveness flag), so the Cleaner thread may do it.
 */
final class GcRoot implements Runnable {
  /** Which unroot function fits the reference. */
  enum Kind {
    ANY,
    EXN
  }

  private final Memory ref = Natives.alloc(Layout.REF_SIZE);
  private final Kind kind;
  private final GcRoots owner;
  private final AtomicBoolean released = new AtomicBoolean();

  /** Takes over the root at {@code from}: the caller must not unroot it. */
  GcRoot(Pointer from, Kind kind, GcRoots owner) {
    ref.write(0, from.getByteArray(0, Layout.REF_SIZE), 0, Layout.REF_SIZE);
    this.kind = kind;
    this.owner = owner;
  }

  /** The rooted reference, borrowed: valid until released (the store's gate keeps it so). */
  Pointer pointer() {
    if (released.get()) {
      throw new IllegalStateException("the reference was released: its store is closed");
    }
    return ref;
  }

  /** Copies the reference into a {@code wasmtime_val_t} union, borrowed (not a new root). */
  void copyTo(Pointer at) {
    at.write(0, pointer().getByteArray(0, Layout.REF_SIZE), 0, Layout.REF_SIZE);
  }

  boolean released() {
    return released.get();
  }

  /** The Cleaner action, and the store's close: unroots once. */
  @Override
  public void run() {
    if (released.compareAndSet(false, true)) {
      if (kind == Kind.EXN) {
        Wasmtime.wasmtime_exnref_unroot(ref);
      } else {
        Wasmtime.wasmtime_anyref_unroot(ref);
      }
      owner.forget(this);
    }
  }
}
