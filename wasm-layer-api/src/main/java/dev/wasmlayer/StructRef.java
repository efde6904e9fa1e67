package dev.wasmlayer;

import dev.wasmlayer.types.StructType;

/**
 * A GC struct of a store, as seen from the host: the object a {@code structref} {@link Value}
 * carries. Created by wasm ({@code struct.new}) or by {@link Store#newStruct}.
 *
 * <p>The handle keeps the struct alive (rooted) while the handle is reachable and its store is
 * open; once the handle is garbage-collected the root is released, and closing the store releases
 * all. Using it after its store closed throws {@link IllegalStateException}. Handles are not
 * canonical: the same struct read twice may come back as two handles ({@link #sameAs} compares the
 * structs). Like everything in a store, it is used by one thread at a time.
 */
public interface StructRef {
  /**
   * {@return the struct's type} Field types that name a concrete heap type read back as its
   * abstract top ({@code (ref $t)} as {@code (ref struct)}, ...): the engine does not give the
   * declaring module's type index for a value.
   */
  StructType type();

  /** {@return the number of fields} */
  int fieldCount();

  /**
   * {@return field {@code index}} A packed field ({@code i8}, {@code i16}) reads zero-extended as
   * an i32.
   *
   * @param index the field's index
   * @throws IndexOutOfBoundsException if there is no such field
   */
  Value field(int index);

  /**
   * Sets field {@code index}; a packed field keeps the low 8 or 16 bits of the i32.
   *
   * @param index the field's index
   * @param value the new value, of the field's type
   * @throws IndexOutOfBoundsException if there is no such field
   * @throws IllegalArgumentException if the field is immutable or the value of the wrong type
   */
  void setField(int index, Value value);

  /**
   * {@return whether this and {@code other} are the same struct ({@code ref.eq})}
   *
   * @param other another handle
   */
  boolean sameAs(Object other);
}
