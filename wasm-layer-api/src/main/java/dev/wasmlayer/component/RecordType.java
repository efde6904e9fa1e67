package dev.wasmlayer.component;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A WIT {@code record}: named fields, in order.
 *
 * @param fields the fields
 */
public record RecordType(List<Field> fields) implements WitType {
  /**
   * One field of a record.
   *
   * @param name its WIT name, such as {@code user-id}
   * @param type its type
   */
  public record Field(String name, WitType type) {
    /** Checks both are given. */
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /** Copies the fields; a record has at least one. */
  public RecordType {
    fields = List.copyOf(fields);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a record has at least one field");
    }
  }

  @Override
  public String toString() {
    return fields.stream()
        .map(f -> f.name() + ": " + f.type())
        .collect(Collectors.joining(", ", "record { ", " }"));
  }
}
