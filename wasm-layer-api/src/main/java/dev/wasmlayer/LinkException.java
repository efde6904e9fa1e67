package dev.wasmlayer;

/** Instantiation failed because an import is missing or has the wrong type. */
public class LinkException extends WasmException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message naming the import. */
  public LinkException(String message) {
    super(message);
  }

  /** An exception with a message and the engine's exception. */
  public LinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
