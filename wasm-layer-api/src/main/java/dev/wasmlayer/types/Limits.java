package dev.wasmlayer.types;

import java.util.Objects;
import java.util.OptionalLong;

/** The limit rules memories and tables share. */
final class Limits {
  private Limits() {}

  static void check(long minimum, OptionalLong maximum, AddressType addressType) {
    Objects.requireNonNull(maximum, "maximum");
    Objects.requireNonNull(addressType, "addressType");
    if (minimum < 0) {
      throw new IllegalArgumentException("minimum must be >= 0, was " + minimum);
    }
    if (maximum.isPresent() && maximum.getAsLong() < minimum) {
      throw new IllegalArgumentException(
          "maximum " + maximum.getAsLong() + " is below minimum " + minimum);
    }
  }
}
