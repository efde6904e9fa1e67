package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.TableInstance;
import dev.wasmlayer.Table;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.Feature;
import dev.wasmlayer.types.TableType;

/**
 * A Chicory table. It can be linked into other instances; reading and writing its reference values from the host
 * waits for reference values at the host boundary, so those calls say so.
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
    store.checkOpen();
    return ChicoryTypes.fromChicory(table.elementType(), table.limits());
  }

  @Override
  public long size() {
    store.checkOpen();
    return table.size();
  }

  @Override
  public Value get(long index) {
    throw unsupported("Table.get");
  }

  @Override
  public void set(long index, Value value) {
    throw unsupported("Table.set");
  }

  @Override
  public long grow(long delta, Value init) {
    throw unsupported("Table.grow");
  }

  private UnsupportedFeatureException unsupported(String what) {
    store.checkOpen();
    return new UnsupportedFeatureException(Feature.REFERENCE_TYPES, ChicoryEngineProvider.ID, what);
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
