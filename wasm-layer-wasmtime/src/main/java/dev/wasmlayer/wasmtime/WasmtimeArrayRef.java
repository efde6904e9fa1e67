package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.ArrayRef;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.ArrayType;
import dev.wasmlayer.types.FieldType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.function.Function;

/** An array of a wasmtime store, held through a rooted anyref. */
final class WasmtimeArrayRef extends WasmtimeGcRef implements ArrayRef {
  private ArrayType type;

  WasmtimeArrayRef(WasmtimeStore<?> store) {
    super(store);
  }

  /** A handle adopting the new anyref root at {@code from} (which is an array). */
  static WasmtimeArrayRef adopting(WasmtimeStore<?> store, Pointer from, ArrayType known) {
    WasmtimeArrayRef r = new WasmtimeArrayRef(store);
    r.adopt(from);
    r.type = known;
    return r;
  }

  private <R> R withArray(Function<Pointer, R> op) {
    return withCast(Wasmtime::wasmtime_anyref_as_array, Wasmtime::wasmtime_arrayref_unroot, op);
  }

  @Override
  public ArrayType type() {
    store.checkOpen();
    ArrayType t = type;
    if (t == null) {
      t =
          withArray(
              a -> {
                Pointer ty = Wasmtime.wasmtime_arrayref_type(store.context(), a);
                try {
                  return WasmtimeGcTypes.arrayType(ty);
                } finally {
                  Wasmtime.wasmtime_array_type_delete(ty);
                }
              });
      type = t;
    }
    return t;
  }

  @Override
  public int length() {
    return withArray(this::length);
  }

  private int length(Pointer a) {
    int[] out = new int[1];
    Pointer err = Wasmtime.wasmtime_arrayref_len(store.context(), a, out);
    if (err != null) {
      throw new IllegalStateException(
          "wasmtime could not read an array's length: " + Natives.consumeError(err));
    }
    return out[0];
  }

  private void checkIndex(Pointer a, int index) {
    int length = length(a);
    if (index < 0 || index >= length) {
      throw outOfBounds("element", index, length);
    }
  }

  @Override
  public Value get(int index) {
    FieldType f = type().element();
    ValType t = WasmtimeGcTypes.unpacked(f.storage());
    return withArray(
        a -> {
          checkIndex(a, index);
          Memory val = Natives.alloc(Layout.VAL_SIZE);
          Pointer err = Wasmtime.wasmtime_arrayref_get(store.context(), a, index, val);
          if (err != null) {
            throw new IllegalStateException(
                "wasmtime could not read element " + index + ": " + Natives.consumeError(err));
          }
          return unpack(f, store.values().read(val, t));
        });
  }

  @Override
  public void set(int index, Value value) {
    FieldType f = type().element();
    ValType t = checkWrite(f, value, "element of " + type());
    Pointer err =
        withArray(
            a -> {
              checkIndex(a, index);
              return store
                  .values()
                  .withNative(
                      value,
                      t,
                      val -> Wasmtime.wasmtime_arrayref_set(store.context(), a, index, val));
            });
    if (err != null) {
      throw new IllegalArgumentException(
          "wasmtime refused element " + index + ": " + Natives.consumeError(err));
    }
  }

  @Override
  public boolean sameAs(Object other) {
    return same(other);
  }
}
