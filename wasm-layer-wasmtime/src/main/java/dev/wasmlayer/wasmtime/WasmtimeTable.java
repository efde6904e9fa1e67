package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.support.TableBase;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;

/** A {@code wasmtime_table_t}. */
final class WasmtimeTable extends TableBase<WasmtimeStore<?>> {
  private final Memory struct;

  WasmtimeTable(WasmtimeStore<?> store, Memory struct) {
    super(store);
    this.struct = struct;
  }

  Memory struct() {
    return struct;
  }

  @Override
  protected TableType readType() {
    TableType declared = declared();
    return new TableType(
        declared.element(), readSize(), declared.maximum(), declared.addressType());
  }

  private TableType declared() {
    Pointer tt = Wasmtime.wasmtime_table_type(store.context(), struct);
    try {
      return WasmtimeTypes.tableType(tt);
    } finally {
      Wasmtime.wasm_tabletype_delete(tt);
    }
  }

  @Override
  protected long readSize() {
    return Wasmtime.wasmtime_table_size(store.context(), struct);
  }

  @Override
  protected Value read(long index) {
    Memory val = Natives.alloc(Layout.VAL_SIZE);
    if (Wasmtime.wasmtime_table_get(store.context(), struct, index, val) == 0) {
      throw new TrapException(
          TrapKind.TABLE_OUT_OF_BOUNDS, "table index " + index + " is out of bounds", null);
    }
    return store.values().read(val, declared().element());
  }

  @Override
  protected void write(long index, Value value) {
    store.values().check(value, declared().element(), "table element");
    Pointer err =
        store
            .values()
            .withNative(
                value,
                declared().element(),
                val -> Wasmtime.wasmtime_table_set(store.context(), struct, index, val));
    if (err != null) {
      String why = Natives.consumeError(err);
      if (why.contains("does not match")) { // a concrete element type only wasmtime can check
        throw new IllegalArgumentException("table element: " + why);
      }
      throw new TrapException(TrapKind.TABLE_OUT_OF_BOUNDS, why, null);
    }
  }

  @Override
  protected long growBy(long delta, Value init) {
    store.values().check(init, declared().element(), "table element");
    return store
        .limits()
        .tables()
        .grow(
            delta,
            () -> {
              long[] previous = new long[1];
              Pointer err =
                  store
                      .values()
                      .withNative(
                          init,
                          declared().element(),
                          val ->
                              Wasmtime.wasmtime_table_grow(
                                  store.context(), struct, delta, val, previous));
              if (err != null) {
                Natives.consumeError(err); // a failed grow is -1, as table.grow says
                return -1;
              }
              return previous[0];
            });
  }

  @Override
  public <T> T unwrap(Class<T> cls) {
    store.checkOpen();
    return WasmtimeExterns.unwrap(struct, cls, "table", "wasmtime_table_t*");
  }
}
