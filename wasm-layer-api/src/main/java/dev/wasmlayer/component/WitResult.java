package dev.wasmlayer.component;

/**
 * The value of a WIT {@code result}.
 *
 * @param isOk whether it is the success case
 * @param value the payload, {@code null} when that side has none
 */
public record WitResult(boolean isOk, Object value) {
  /**
   * {@return a success}
   *
   * @param value its payload, or {@code null} for none
   */
  public static WitResult ok(Object value) {
    return new WitResult(true, value);
  }

  /**
   * {@return an error}
   *
   * @param value its payload, or {@code null} for none
   */
  public static WitResult err(Object value) {
    return new WitResult(false, value);
  }
}
