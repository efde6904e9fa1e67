package dev.wasmlayer.component;

import java.util.Objects;

/**
 * {@code list<element>}.
 *
 * @param element the element type
 */
public record ListType(WitType element) implements WitType {
  /** Checks the element type is given. */
  public ListType {
    Objects.requireNonNull(element, "element");
  }

  @Override
  public String toString() {
    return "list<" + element + ">";
  }
}
