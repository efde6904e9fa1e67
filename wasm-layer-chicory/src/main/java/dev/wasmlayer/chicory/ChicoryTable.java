package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.support.TableBase;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.TableType;

/**
 * A Chicory table. Chicory stores each slot as a number plus, for functions, the instance the index
 * belongs to, so a table can hold functions of several instances.
 */
final class ChicoryTable extends TableBase<ChicoryStore<?>> {
  private final TableInstance table;

  ChicoryTable(ChicoryStore<?> store, TableInstance table) {
    super(store);
    this.table = table;
  }

  TableInstance chicoryTable() {
    return table;
  }

  @Override
  protected TableType readType() {
    return ChicoryTypes.fromChicory(table.elementType(), table.limits());
  }

  private RefType element() {
    return (RefType) ChicoryTypes.fromChicory(table.elementType());
  }

  @Override
  protected long readSize() {
    return table.size();
  }

  @Override
  protected Value read(long index) {
    int i = (int) index;
    return store.values().toValue(element(), table.ref(i), table.instance(i));
  }

  @Override
  protected void write(long index, Value value) {
    store.values().check(value, element(), "table element");
    table.setRef((int) index, raw(value), owner(value));
  }

  @Override
  protected long growBy(long delta, Value init) {
    store.values().check(init, element(), "table element");
    if (delta > Integer.MAX_VALUE - table.size()) {
      return -1;
    }
    return table.grow((int) delta, raw(init), owner(init));
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
    return !v.isNull() && v.refObject().orElseThrow() instanceof ChicoryFunc f
        ? f.chicoryInstance()
        : null;
  }

  @Override
  public <T> T unwrap(Class<T> cls) {
    store.checkOpen();
    if (cls.isInstance(table)) {
      return cls.cast(table);
    }
    throw new IllegalArgumentException(
        "a Chicory table unwraps to " + TableInstance.class.getName() + ", not " + cls.getName());
  }
}
