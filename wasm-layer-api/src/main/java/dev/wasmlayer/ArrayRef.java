package dev.wasmlayer;

import dev.wasmlayer.types.ArrayType;

/**
 * A GC array of a store, as seen from the host: the object an {@code arrayref} {@link Value}
 * carries. Created by wasm ({@code array.new} and friends) or by {@link Store#newArray}. Rooting,
 * lifetime and threads as for {@link StructRef}.
 */
public interface ArrayRef {
  /**
   * {@return the array's type} An element type that names a concrete heap type reads back as its
   * abstract top, as for {@link StructRef#type()}.
   */
  ArrayType type();

  /** {@return the number of elements} */
  int length();

  /**
   * {@return element {@code index}} A packed element reads zero-extended as an i32.
   *
   * @param index the element's index
   * @throws IndexOutOfBoundsException if {@code index} is not below {@link #length()}
   */
  Value get(int index);

  /**
   * Sets element {@code index}.
   *
   * @param index the element's index
   * @param value the new value, of the element type
   * @throws IndexOutOfBoundsException if {@code index} is not below {@link #length()}
   * @throws IllegalArgumentException if the array is immutable or the value of the wrong type
   */
  void set(int index, Value value);

  /**
   * {@return whether this and {@code other} are the same array ({@code ref.eq})}
   *
   * @param other another handle
   */
  boolean sameAs(Object other);
}
