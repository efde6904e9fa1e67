package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.FieldType;
import dev.wasmlayer.types.NumType;
import dev.wasmlayer.types.PackedType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.lang.ref.Reference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a struct and an array handle share: the store, the rooted anyref, the store's access gate
 * around every native use, and {@code ref.eq}.
 */
abstract class WasmtimeGcRef {
  final WasmtimeStore<?> store;
  private GcRoot root;

  WasmtimeGcRef(WasmtimeStore<?> store) {
    this.store = store;
  }

  /** Takes over the new anyref root at {@code from}; the caller must not unroot it. */
  final void adopt(Pointer from) {
    root = store.roots().adopt(this, from, GcRoot.Kind.ANY);
  }

  /** The rooted anyref, borrowed; only under the store's gate. */
  final Pointer anyref() {
    return root.pointer();
  }

  /** Runs {@code work} under the store's access gate (one thread, store open). */
  final <R> R access(Supplier<R> work) {
    return store.withAccess(work);
  }

  /** {@code wasmtime_anyref_as_struct} or {@code _as_array}. */
  interface Cast {
    byte apply(Pointer context, Pointer anyref, Pointer out);
  }

  /**
   * Runs {@code op} under the gate on a structref or arrayref root made for it from the anyref
   * ({@code cast}), unrooted after ({@code unroot}).
   */
  final <R> R withCast(Cast cast, Consumer<Pointer> unroot, Function<Pointer, R> op) {
    return access(
        () -> {
          Memory r = Natives.alloc(Layout.REF_SIZE);
          if (cast.apply(store.context(), anyref(), r) == 0) {
            throw new IllegalStateException("the reference is not a " + this);
          }
          try {
            return op.apply(r);
          } finally {
            unroot.accept(r);
            Reference.reachabilityFence(this); // rooted while wasmtime casts it
          }
        });
  }

  /** Copies the anyref into a {@code wasmtime_val_t} union, borrowed. */
  final void copyTo(Pointer union) {
    root.copyTo(union);
  }

  /** Writes a new root of the anyref into a {@code wasmtime_val_t} union. */
  final void cloneTo(Pointer union) {
    Wasmtime.wasmtime_anyref_clone(anyref(), union);
    Reference.reachabilityFence(this); // rooted until the clone is made
  }

  /** {@code ref.eq} with another handle of the same store. */
  final boolean same(Object other) {
    if (other == this) {
      return true;
    }
    if (!(other instanceof WasmtimeGcRef o) || o.store != store) {
      return false;
    }
    return access(
        () -> {
          Memory args = Natives.alloc(2L * Layout.VAL_SIZE);
          args.setByte(0, Layout.ANYREF);
          copyTo(args.share(Layout.VAL_OF));
          args.setByte(Layout.VAL_SIZE, Layout.ANYREF);
          o.copyTo(args.share(Layout.VAL_SIZE + Layout.VAL_OF));
          boolean eq = store.values().bridge().eq(args);
          Reference.reachabilityFence(o);
          Reference.reachabilityFence(this);
          return eq;
        });
  }

  /** Checks {@code v} against a field for a host write; returns the type it is written as. */
  ValType checkWrite(FieldType field, Value v, String what) {
    if (!field.mutable()) {
      throw new IllegalArgumentException(what + " is immutable");
    }
    ValType t = WasmtimeGcTypes.unpacked(field.storage());
    store.values().check(v, t, what); // the type, and a reference's store
    return t;
  }

  /** A packed field reads back zero-extended, as from the host it always does. */
  static Value unpack(FieldType field, Value v) {
    if (field.storage() == PackedType.I8) {
      return Value.i32(v.i32() & 0xFF);
    }
    if (field.storage() == PackedType.I16) {
      return Value.i32(v.i32() & 0xFFFF);
    }
    return v;
  }

  static IndexOutOfBoundsException outOfBounds(String what, long index, long size) {
    return new IndexOutOfBoundsException(what + " " + index + " is out of bounds (" + size + ")");
  }

  /** The i32 value type, so packed fields need no special case when read. */
  static final ValType I32 = NumType.I32;

  @Override
  public String toString() {
    return getClass().getSimpleName().replace("Wasmtime", "").toLowerCase(java.util.Locale.ROOT);
  }
}
