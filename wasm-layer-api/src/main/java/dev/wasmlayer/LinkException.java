package dev.wasmlayer;

/** Instantiation failed because an import is missing or has the wrong type. */
public class LinkException extends WasmException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message naming the import.
   *
   * @param message what went wrong, for people
   */
  public LinkException(String message) {
    super(message);
  }

  /**
   * An exception with a message and the engine's exception.
   *
   * @param message what went wrong, for people
   * @param cause the underlying failure, or {@code null}
   */
  public LinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
