package dev.wasmlayer.spi.support;

import dev.wasmlayer.Table;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.TableType;
import java.util.Objects;

/**
 * A table as every backend gates it: every access under the store's access gate, indexes checked
 * against the size (a TABLE_OUT_OF_BOUNDS trap), negative growth refused. A backend writes the
 * engine's reads and writes.
 *
 * @param <S> the backend's store
 */
public abstract class TableBase<S extends StoreBase<?, ?>> implements Table, StoreObject {
  /** The store the table belongs to. */
  protected final S store;

  /**
   * A table.
   *
   * @param store the store it belongs to
   */
  protected TableBase(S store) {
    this.store = store;
  }

  @Override
  public final S store() {
    return store;
  }

  @Override
  public final TableType type() {
    return store.withAccess(this::readType);
  }

  @Override
  public final long size() {
    long gate = store.enterAccess();
    try {
      return readSize();
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public final Value get(long index) {
    return store.withAccess(
        () -> {
          checkIndex(index);
          return read(index);
        });
  }

  @Override
  public final void set(long index, Value value) {
    Objects.requireNonNull(value, "value");
    store.withAccess(
        () -> {
          checkIndex(index);
          write(index, value);
          return null;
        });
  }

  @Override
  public final long grow(long delta, Value init) {
    Objects.requireNonNull(init, "init");
    if (delta < 0) {
      throw new IllegalArgumentException("cannot grow by a negative number of elements: " + delta);
    }
    long gate = store.enterAccess();
    try {
      return growBy(delta, init);
    } finally {
      store.exitAccess(gate);
    }
  }

  private void checkIndex(long index) {
    long size = readSize();
    if (index < 0 || index >= size) {
      throw new TrapException(
          TrapKind.TABLE_OUT_OF_BOUNDS,
          "table index " + index + " is out of bounds (size " + size + ")",
          null);
    }
  }

  /** {@return the type with the current size as minimum, under the access gate} */
  protected abstract TableType readType();

  /** {@return the size, under the access gate} */
  protected abstract long readSize();

  /**
   * {@return element {@code index}, in bounds, under the access gate}
   *
   * @param index the element's index
   */
  protected abstract Value read(long index);

  /**
   * Writes {@code value} (not yet checked against the element type) at {@code index}, in bounds,
   * under the gate.
   *
   * @param index the element's index
   * @param value the new value
   */
  protected abstract void write(long index, Value value);

  /**
   * {@return the previous size, or -1 when the table cannot grow so far}: {@code delta >= 0}, under
   * the gate; a backend checks {@code init} against the element type first
   *
   * @param delta how many elements to add
   * @param init their value
   */
  protected abstract long growBy(long delta, Value init);
}
