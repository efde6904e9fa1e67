package dev.wasmlayer.graalwasm;

import dev.wasmlayer.Table;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.TableType;
import java.util.Objects;
import org.graalvm.polyglot.PolyglotException;

/** A GraalWasm table, through the WebAssembly object; bounds are checked here so errors are the API's. */
final class GraalWasmTable implements Table {
  private final GraalWasmStore<?> store;
  /** Dropped when the store closes, so nothing the guest held stays reachable through this wrapper. */
  private org.graalvm.polyglot.Value table;
  private final TableType declared;

  GraalWasmTable(GraalWasmStore<?> store, org.graalvm.polyglot.Value table, TableType declared) {
    this.store = store;
    this.table = table;
    this.declared = declared;
  }

  GraalWasmStore<?> store() {
    return store;
  }

  org.graalvm.polyglot.Value guest() {
    store.checkOpen();
    return table;
  }

  @Override
  public TableType type() {
    return new TableType(declared.element(), size(), declared.maximum(), declared.addressType());
  }

  @Override
  public long size() {
    long gate = store.enterAccess();
    try {
      return store.wa().tableSize(table);
    } finally {
      store.exitAccess(gate);
    }
  }

  private void checkIndex(long index) {
    long size = size();
    if (index < 0 || index >= size) {
      throw new TrapException(TrapKind.TABLE_OUT_OF_BOUNDS, "table index " + index + " is out of bounds (size "
          + size + ")", null);
    }
  }

  @Override
  public Value get(long index) {
    long gate = store.enterAccess();
    try {
      checkIndex(index);
      return store.values().fromGuest(declared.element(), store.wa().tableRead(table, index));
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
      store.wa().tableWrite(table, index, store.values().toGuest(declared.element(), value, "table element"));
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
        throw new IllegalArgumentException("delta must be >= 0, got " + delta);
      }
      Object guest = store.values().toGuest(declared.element(), init, "initial element");
      long size = size();
      long max = Math.min(declared.maximum().orElse(0xFFFF_FFFFL), Integer.MAX_VALUE);
      if (delta > max - size) {
        return -1;
      }
      return store.limits().tables().grow(delta, () -> {
        try {
          return store.wa().tableGrow(table, delta, guest);
        } catch (PolyglotException e) {
          return -1; // refused (limits or resources): table.grow's answer is -1
        }
      });
    } finally {
      store.exitAccess(gate);
    }
  }

  void release() {
    table = null;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    store.checkOpen();
    if (type.isInstance(table)) {
      return type.cast(table);
    }
    throw new IllegalArgumentException("a GraalWasm extern unwraps to " + org.graalvm.polyglot.Value.class.getName()
        + ", not " + type.getName());
  }

  @Override
  public String toString() {
    return "GraalWasmTable{" + declared + "}";
  }
}
