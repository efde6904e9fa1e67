package dev.wasmlayer.graalwasm;

import dev.wasmlayer.Value;
import dev.wasmlayer.spi.support.TableBase;
import dev.wasmlayer.types.TableType;
import org.graalvm.polyglot.PolyglotException;

/**
 * A GraalWasm table, through the WebAssembly object; bounds are checked here so errors are the
 * API's.
 */
final class GraalWasmTable extends TableBase<GraalWasmStore<?>> {
  /**
   * Dropped when the store closes, so nothing the guest held stays reachable through this wrapper.
   */
  private org.graalvm.polyglot.Value table;

  private final TableType declared;

  GraalWasmTable(GraalWasmStore<?> store, org.graalvm.polyglot.Value table, TableType declared) {
    super(store);
    this.table = table;
    this.declared = declared;
  }

  org.graalvm.polyglot.Value guest() {
    store.checkOpen();
    return table;
  }

  @Override
  protected TableType readType() {
    return new TableType(
        declared.element(), readSize(), declared.maximum(), declared.addressType());
  }

  @Override
  protected long readSize() {
    return store.wa().tableSize(table);
  }

  @Override
  protected Value read(long index) {
    return store.values().fromGuest(declared.element(), store.wa().tableRead(table, index));
  }

  @Override
  protected void write(long index, Value value) {
    store
        .wa()
        .tableWrite(
            table, index, store.values().toGuest(declared.element(), value, "table element"));
  }

  @Override
  protected long growBy(long delta, Value init) {
    Object guest = store.values().toGuest(declared.element(), init, "initial element");
    long size = readSize();
    long max = Math.min(declared.maximum().orElse(0xFFFF_FFFFL), Integer.MAX_VALUE);
    if (delta > max - size) {
      return -1;
    }
    return store
        .limits()
        .tables()
        .grow(
            delta,
            () -> {
              try {
                return store.wa().tableGrow(table, delta, guest);
              } catch (PolyglotException e) {
                return -1; // refused (limits or resources): table.grow's answer is -1
              }
            });
  }

  void release() {
    table = null;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    return store.unwrapGuest(table, type);
  }

  @Override
  public String toString() {
    return "GraalWasmTable{" + declared + "}";
  }
}
