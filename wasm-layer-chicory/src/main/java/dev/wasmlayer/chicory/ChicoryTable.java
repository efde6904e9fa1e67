package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import dev.wasmlayer.Table;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.TableType;
import java.util.Objects;

/**
 * A Chicory table. Chicory stores each slot as a number plus, for functions, the instance the index belongs to, so a
 * table can hold functions of several instances.
 */
final class ChicoryTable implements Table {
  private final ChicoryStore<?> store;
  private final TableInstance table;

  ChicoryTable(ChicoryStore<?> store, TableInstance table) {
    this.store = store;
    this.table = table;
  }

  ChicoryStore<?> store() {
    return store;
  }

  TableInstance chicoryTable() {
    return table;
  }

  @Override
  public TableType type() {
    long gate = store.enterAccess();
    try {
      return ChicoryTypes.fromChicory(table.elementType(), table.limits());
    } finally {
      store.exitAccess(gate);
    }
  }

  private RefType element() {
    return (RefType) ChicoryTypes.fromChicory(table.elementType());
  }

  @Override
  public long size() {
    long gate = store.enterAccess();
    try {
      return table.size();
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public Value get(long index) {
    long gate = store.enterAccess();
    try {
      int i = checkIndex(index);
      return store.values().toValue(element(), table.ref(i), table.instance(i));
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void set(long index, Value value) {
    Objects.requireNonNull(value, "value");
    long gate = store.enterAccess();
    try {
      int i = checkIndex(index);
      store.values().check(value, element(), "table element");
      table.setRef(i, raw(value), owner(value));
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
      store.values().check(init, element(), "table element");
      if (delta > Integer.MAX_VALUE - table.size()) {
        return -1;
      }
      return table.grow((int) delta, raw(init), owner(init));
    } finally {
      store.exitAccess(gate);
    }
  }

  /** Sets {@code [from, from + count)} to {@code value}. */
  void fill(long from, long count, Value value) {
    for (long i = from; i < from + count; i++) {
      table.setRef((int) i, raw(value), owner(value));
    }
  }

  private int raw(Value v) {
    return (int) store.values().toRaw(v, element(), owner(v));
  }

  /** The instance a function value's index belongs to; null for externrefs and nulls. */
  private static Instance owner(Value v) {
    if (v.isNull() || !(v.refObject().orElseThrow() instanceof ChicoryFunc)) {
      return null;
    }
    return ((ChicoryFunc) v.refObject().orElseThrow()).chicoryInstance();
  }

  private int checkIndex(long index) {
    if (index < 0 || index >= table.size()) {
      throw new TrapException(TrapKind.TABLE_OUT_OF_BOUNDS,
          "table index " + index + " is out of bounds (size " + table.size() + ")", null);
    }
    return (int) index;
  }

  @Override
  public <T> T unwrap(Class<T> cls) {
    store.checkOpen();
    if (cls.isInstance(table)) {
      return cls.cast(table);
    }
    throw new IllegalArgumentException("a Chicory table unwraps to " + TableInstance.class.getName() + ", not "
        + cls.getName());
  }
}
