package dev.wasmlayer.component;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code tuple<...>}: unnamed fields, in order.
 *
 * @param types the field types
 */
public record TupleType(List<WitType> types) implements WitType {
  /** Copies the types; a tuple has at least one. */
  public TupleType {
    types = List.copyOf(types);
    if (types.isEmpty()) {
      throw new IllegalArgumentException("a tuple has at least one field");
    }
  }

  @Override
  public String toString() {
    return types.stream().map(String::valueOf).collect(Collectors.joining(", ", "tuple<", ">"));
  }
}
