package dev.wasmlayer.component;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A WIT {@code variant}: one of several named cases, each with an optional payload.
 *
 * @param cases the cases, in order
 */
public record VariantType(List<Case> cases) implements WitType {
  /**
   * One case of a variant.
   *
   * @param name its WIT name
   * @param payload its payload type, empty when it has none
   */
  public record Case(String name, Optional<WitType> payload) {
    /** Checks both are given. */
    public Case {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(payload, "payload");
    }
  }

  /** Copies the cases; a variant has at least one. */
  public VariantType {
    cases = List.copyOf(cases);
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("a variant has at least one case");
    }
  }

  /**
   * {@return the index of the case named {@code name}, or -1}
   *
   * @param name a case name
   */
  public int indexOf(String name) {
    for (int i = 0; i < cases.size(); i++) {
      if (cases.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return cases.stream()
        .map(c -> c.name() + c.payload().map(p -> "(" + p + ")").orElse(""))
        .collect(Collectors.joining(", ", "variant { ", " }"));
  }
}
