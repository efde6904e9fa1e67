package dev.wasmlayer.component;

import java.util.Objects;

/**
 * The value of a WIT {@code variant}.
 *
 * @param caseName the case's WIT name
 * @param payload its payload, {@code null} for a case without one
 */
public record WitVariant(String caseName, Object payload) {
  /** Checks the case is named. */
  public WitVariant {
    Objects.requireNonNull(caseName, "caseName");
  }

  /**
   * {@return a case without payload}
   *
   * @param caseName the case's WIT name
   */
  public static WitVariant of(String caseName) {
    return new WitVariant(caseName, null);
  }
}
