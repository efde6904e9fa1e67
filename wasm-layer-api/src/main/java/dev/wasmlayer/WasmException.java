package dev.wasmlayer;

/** The root of every exception this library throws for WebAssembly reasons. Unchecked. */
public class WasmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message.
   *
   * @param message what went wrong, for people
   */
  public WasmException(String message) {
    super(message);
  }

  /**
   * An exception with a message and the engine's own exception as cause.
   *
   * @param message what went wrong, for people
   * @param cause the underlying failure, or {@code null}
   */
  public WasmException(String message, Throwable cause) {
    super(message, cause);
  }
}
