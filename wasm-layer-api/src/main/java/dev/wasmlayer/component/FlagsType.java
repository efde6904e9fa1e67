package dev.wasmlayer.component;

import java.util.List;

/**
 * A WIT {@code flags}: a set of names.
 *
 * @param names the names, in order
 */
public record FlagsType(List<String> names) implements WitType {
  /** Copies the names. */
  public FlagsType {
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("flags have at least one name");
    }
  }

  @Override
  public String toString() {
    return "flags { " + String.join(", ", names) + " }";
  }
}
