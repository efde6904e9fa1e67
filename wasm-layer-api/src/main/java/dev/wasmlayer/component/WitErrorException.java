package dev.wasmlayer.component;

/**
 * The error case of a WIT {@code result}, thrown by a typed view ({@link ComponentInstance#bind})
 * whose method returns the success type rather than {@link WitResult}. The payload is the WIT value
 * as the package maps it (a {@link String} for an enum error code, a {@link java.util.Map} for a
 * record, {@code null} for none).
 */
public final class WitErrorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The error payload; WIT values are not serializable in general. */
  private final transient Object error;

  /**
   * Creates one.
   *
   * @param function the function that returned it
   * @param error the error payload
   */
  public WitErrorException(String function, Object error) {
    super(function + " returned an error" + (error == null ? "" : ": " + error));
    this.error = error;
  }

  /** {@return the error payload, {@code null} when the result type has none} */
  public Object error() {
    return error;
  }
}
