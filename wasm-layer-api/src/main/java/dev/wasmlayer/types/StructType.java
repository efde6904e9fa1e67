package dev.wasmlayer.types;

import java.util.List;

/**
 * A GC struct type: its fields in order. Two structurally equal struct types made by the host are
 * the same type to the engine (they are canonicalised like a one-type recursion group).
 *
 * @param fields the fields
 */
public record StructType(List<FieldType> fields) {
  /** Copies the fields. */
  public StructType {
    fields = List.copyOf(fields);
  }

  /**
   * {@return a struct type with these fields}
   *
   * @param fields the fields, in order
   */
  public static StructType of(FieldType... fields) {
    return new StructType(List.of(fields));
  }
}
