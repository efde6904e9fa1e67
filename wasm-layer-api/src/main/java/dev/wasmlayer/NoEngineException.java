package dev.wasmlayer;

/**
 * No engine could be chosen: none on the class path, the chosen one is missing, or it is
 * unavailable here.
 */
public class NoEngineException extends WasmException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception whose message lists what was found and how to fix it.
   *
   * @param message what was found and how to fix it
   */
  public NoEngineException(String message) {
    super(message);
  }

  /**
   * The same, with the failure that made the chosen engine unusable.
   *
   * @param message what was found and how to fix it
   * @param cause the underlying failure, or {@code null}
   */
  public NoEngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
