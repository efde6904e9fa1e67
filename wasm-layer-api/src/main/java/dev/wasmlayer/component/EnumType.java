package dev.wasmlayer.component;

import java.util.List;

/**
 * A WIT {@code enum}: one of several names.
 *
 * @param cases the names, in order
 */
public record EnumType(List<String> cases) implements WitType {
  /** Copies the names; an enum has at least one. */
  public EnumType {
    cases = List.copyOf(cases);
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("an enum has at least one case");
    }
  }

  @Override
  public String toString() {
    return "enum { " + String.join(", ", cases) + " }";
  }
}
