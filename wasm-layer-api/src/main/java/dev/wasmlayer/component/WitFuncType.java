package dev.wasmlayer.component;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A WIT function type: named parameters and at most one result.
 *
 * @param params the parameters, in order
 * @param result the result type, empty when it returns nothing
 */
public record WitFuncType(List<Param> params, Optional<WitType> result) {
  /**
   * One parameter.
   *
   * @param name its WIT name
   * @param type its type
   */
  public record Param(String name, WitType type) {
    /** Checks both are given. */
    public Param {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /** Copies the parameters. */
  public WitFuncType {
    params = List.copyOf(params);
    Objects.requireNonNull(result, "result");
  }

  /**
   * {@return a function type}
   *
   * @param result the result, or {@code null} for none
   * @param params the parameters
   */
  public static WitFuncType of(WitType result, Param... params) {
    return new WitFuncType(List.of(params), Optional.ofNullable(result));
  }

  /**
   * {@return a parameter}
   *
   * @param name its WIT name
   * @param type its type
   */
  public static Param param(String name, WitType type) {
    return new Param(name, type);
  }

  @Override
  public String toString() {
    return params.stream()
            .map(p -> p.name() + ": " + p.type())
            .collect(Collectors.joining(", ", "func(", ")"))
        + result.map(r -> " -> " + r).orElse("");
  }
}
