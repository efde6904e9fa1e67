package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.ExnRef;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.support.StoreObject;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;

/**
 * A rooted {@code wasmtime_exnref_t}: the exception stays alive in its store while this handle is
 * reachable and the store open (see {@link GcRoot}). Its tag and payload are read from wasmtime on
 * each call, under the store's gate.
 */
final class WasmtimeExnRef implements ExnRef, StoreObject {
  private final WasmtimeStore<?> store;
  private final GcRoot root;

  /** Takes over the new root at {@code from} (the caller must not unroot it). */
  WasmtimeExnRef(WasmtimeStore<?> store, Pointer from) {
    this.store = store;
    this.root = store.roots().adopt(this, from, GcRoot.Kind.EXN);
  }

  @Override
  public WasmtimeStore<?> store() {
    return store;
  }

  /** The rooted reference, borrowed; throws once the store closed. */
  GcRoot root() {
    return root;
  }

  @Override
  public WasmtimeTag tag() {
    WasmtimeTag tag = store.withAccess(this::readTag);
    Reference.reachabilityFence(this); // rooted while wasmtime reads it
    return tag;
  }

  private WasmtimeTag readTag() {
    Memory tag = Natives.alloc(Layout.TAG_SIZE);
    Pointer err = Wasmtime.wasmtime_exnref_tag(store.context(), root.pointer(), tag);
    if (err != null) {
      throw new IllegalStateException(
          "wasmtime cannot read the exception's tag: " + Natives.consumeError(err));
    }
    return store.tag(tag);
  }

  @Override
  public List<Value> payload() {
    return store.withAccess(
        () -> {
          List<ValType> params = readTag().type().signature().params();
          long n = Wasmtime.wasmtime_exnref_field_count(store.context(), root.pointer());
          List<Value> out = new ArrayList<>((int) n);
          Memory val = Natives.alloc(Layout.VAL_SIZE);
          for (int i = 0; i < n; i++) {
            Pointer err = Wasmtime.wasmtime_exnref_field(store.context(), root.pointer(), i, val);
            if (err != null) {
              throw new IllegalStateException(
                  "wasmtime cannot read field "
                      + i
                      + " of the exception: "
                      + Natives.consumeError(err));
            }
            out.add(store.values().read(val, params.get(i))); // read unroots or adopts the field
          }
          Reference.reachabilityFence(this); // rooted while wasmtime reads it
          return List.copyOf(out);
        });
  }

  @Override
  public String toString() {
    return "WasmtimeExnRef{" + (root.released() ? "released" : "live") + "}";
  }
}
