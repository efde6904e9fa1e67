package dev.wasmlayer.component;

import java.util.Objects;

/**
 * {@code option<some>}.
 *
 * @param some the type of the value when there is one
 */
public record OptionType(WitType some) implements WitType {
  /** Checks the type is given. */
  public OptionType {
    Objects.requireNonNull(some, "some");
  }

  @Override
  public String toString() {
    return "option<" + some + ">";
  }
}
