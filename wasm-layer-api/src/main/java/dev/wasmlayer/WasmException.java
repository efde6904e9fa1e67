package dev.wasmlayer;

/** The root of every exception this library throws for WebAssembly reasons. Unchecked. */
public class WasmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message. */
  public WasmException(String message) {
    super(message);
  }

  /** An exception with a message and the engine's own exception as cause. */
  public WasmException(String message, Throwable cause) {
    super(message, cause);
  }
}
