package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.Table;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.Objects;

/** A {@code wasmtime_table_t}. */
final class WasmtimeTable implements Table {
  private final WasmtimeStore<?> store;
  private final Memory struct;

  WasmtimeTable(WasmtimeStore<?> store, Memory struct) {
    this.store = store;
    this.struct = struct;
  }

  WasmtimeStore<?> store() {
    return store;
  }

  Memory struct() {
    return struct;
  }

  @Override
  public TableType type() {
    long gate = store.enterAccess();
    try {
      Pointer tt = Wasmtime.wasmtime_table_type(store.context(), struct);
      try {
        TableType declared = WasmtimeTypes.tableType(tt);
        return new TableType(declared.element(), size(), declared.maximum(), declared.addressType());
      } finally {
        Wasmtime.wasm_tabletype_delete(tt);
      }
    } finally {
      store.exitAccess(gate);
    }
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
  public long size() {
    long gate = store.enterAccess();
    try {
      return Wasmtime.wasmtime_table_size(store.context(), struct);
    } finally {
      store.exitAccess(gate);
    }
  }

  private void checkIndex(long index) {
    long size = size();
    if (index < 0 || index >= size) {
      throw new TrapException(TrapKind.TABLE_OUT_OF_BOUNDS,
          "table index " + index + " is out of bounds (size " + size + ")", null);
    }
  }

  @Override
  public Value get(long index) {
    long gate = store.enterAccess();
    try {
      checkIndex(index);
      Memory val = Natives.alloc(Layout.VAL_SIZE);
      if (Wasmtime.wasmtime_table_get(store.context(), struct, index, val) == 0) {
        throw new TrapException(TrapKind.TABLE_OUT_OF_BOUNDS, "table index " + index + " is out of bounds", null);
      }
      return store.values().read(val, declared().element());
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void set(long index, Value value) {
    Objects.requireNonNull(value, "value");
    long gate = store.enterAccess();
    try {
      checkIndex(index);
      store.values().check(value, declared().element(), "table element");
      Memory val = Natives.alloc(Layout.VAL_SIZE);
      boolean rooted = store.values().write(value, declared().element(), val);
      Pointer err;
      try {
        err = Wasmtime.wasmtime_table_set(store.context(), struct, index, val);
      } finally {
        if (rooted) {
          WasmtimeValues.release(val);
        }
      }
      if (err != null) {
        throw new TrapException(TrapKind.TABLE_OUT_OF_BOUNDS, Natives.consumeError(err), null);
      }
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public long grow(long delta, Value init) {
    Objects.requireNonNull(init, "init");
    long gate = store.enterAccess();
    try {
      if (delta < 0) {
        throw new IllegalArgumentException("cannot grow by a negative number of elements: " + delta);
      }
      store.values().check(init, declared().element(), "table element");
      return store.limits().tables().grow(delta, () -> {
        Memory val = Natives.alloc(Layout.VAL_SIZE);
        boolean rooted = store.values().write(init, declared().element(), val);
        long[] previous = new long[1];
        Pointer err;
        try {
          err = Wasmtime.wasmtime_table_grow(store.context(), struct, delta, val, previous);
        } finally {
          if (rooted) {
            WasmtimeValues.release(val);
          }
        }
        if (err != null) {
          Natives.consumeError(err); // a failed grow is -1, as table.grow says
          return -1;
        }
        return previous[0];
      });
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public <T> T unwrap(Class<T> cls) {
    store.checkOpen();
    if (cls == Pointer.class) {
      return cls.cast(struct);
    }
    throw new IllegalArgumentException("a wasmtime table unwraps to " + Pointer.class.getName()
        + " (wasmtime_table_t*)");
  }
}
