package dev.wasmlayer.types;

import java.util.Objects;

/**
 * A GC array type: the type of every element.
 *
 * @param element the element type
 */
public record ArrayType(FieldType element) {
  /** Checks arguments. */
  public ArrayType {
    Objects.requireNonNull(element, "element");
  }

  /**
   * {@return an array type of this element type}
   *
   * @param element the element type
   */
  public static ArrayType of(FieldType element) {
    return new ArrayType(element);
  }
}
