package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.StructRef;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.FieldType;
import dev.wasmlayer.types.StructType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.function.Function;

/** A struct of a wasmtime store, held through a rooted anyref. */
final class WasmtimeStructRef extends WasmtimeGcRef implements StructRef {
  private StructType type;

  WasmtimeStructRef(WasmtimeStore<?> store) {
    super(store);
  }

  /** A handle adopting the new anyref root at {@code from} (which is a struct). */
  static WasmtimeStructRef adopting(WasmtimeStore<?> store, Pointer from, StructType known) {
    WasmtimeStructRef r = new WasmtimeStructRef(store);
    r.adopt(from);
    r.type = known;
    return r;
  }

  private <R> R withStruct(Function<Pointer, R> op) {
    return withCast(Wasmtime::wasmtime_anyref_as_struct, Wasmtime::wasmtime_structref_unroot, op);
  }

  @Override
  public StructType type() {
    store.checkOpen();
    StructType t = type;
    if (t == null) {
      t =
          withStruct(
              s -> {
                Pointer ty = Wasmtime.wasmtime_structref_type(store.context(), s);
                try {
                  return WasmtimeGcTypes.structType(ty);
                } finally {
                  Wasmtime.wasmtime_struct_type_delete(ty);
                }
              });
      type = t;
    }
    return t;
  }

  @Override
  public int fieldCount() {
    return type().fields().size();
  }

  private FieldType fieldType(int index) {
    StructType t = type();
    if (index < 0 || index >= t.fields().size()) {
      throw outOfBounds("field", index, t.fields().size());
    }
    return t.fields().get(index);
  }

  @Override
  public Value field(int index) {
    FieldType f = fieldType(index);
    ValType t = WasmtimeGcTypes.unpacked(f.storage());
    return withStruct(
        s -> {
          Memory val = Natives.alloc(Layout.VAL_SIZE);
          Pointer err = Wasmtime.wasmtime_structref_field(store.context(), s, index, val);
          if (err != null) {
            throw new IllegalStateException(
                "wasmtime could not read field " + index + ": " + Natives.consumeError(err));
          }
          return unpack(f, store.values().read(val, t));
        });
  }

  @Override
  public void setField(int index, Value value) {
    FieldType f = fieldType(index);
    ValType t = checkWrite(f, value, "field " + index);
    Pointer err =
        withStruct(
            s ->
                store
                    .values()
                    .withNative(
                        value,
                        t,
                        val ->
                            Wasmtime.wasmtime_structref_set_field(store.context(), s, index, val)));
    if (err != null) {
      throw new IllegalArgumentException(
          "wasmtime refused field " + index + ": " + Natives.consumeError(err));
    }
  }

  @Override
  public boolean sameAs(Object other) {
    return same(other);
  }
}
