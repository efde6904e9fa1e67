package dev.wasmlayer;

import dev.wasmlayer.types.TableType;

/** A WebAssembly table of references. */
public non-sealed interface Table extends Extern {
  @Override
  TableType type();

  /** {@return the current size in elements} */
  long size();

  /**
   * {@return the element at {@code index}}
   *
   * @param index the element's index
   * @throws TrapException of kind {@link TrapKind#TABLE_OUT_OF_BOUNDS} if out of range
   */
  Value get(long index);

  /**
   * Replaces the element at {@code index}.
   *
   * @param index the element's index
   * @param value the new element, of the table's element type
   * @throws TrapException of kind {@link TrapKind#TABLE_OUT_OF_BOUNDS} if out of range
   * @throws IllegalArgumentException if the value does not match the element type
   */
  void set(long index, Value value);

  /**
   * Grows by {@code delta} elements filled with {@code init}.
   *
   * @param delta how many elements to add
   * @param init the value of the new elements
   * @return the previous size, or -1 if the table cannot grow that far (as {@code table.grow}):
   *     past its maximum, past what is left of the store's {@link StoreConfig#maxTableElements()
   *     table cap}, or past what the engine can give
   */
  long grow(long delta, Value init);
}
