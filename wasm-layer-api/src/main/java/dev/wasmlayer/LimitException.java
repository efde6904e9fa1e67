package dev.wasmlayer;

/**
 * A store limit ({@link StoreConfig#maxMemoryBytes()}) does not allow what was asked: instantiating a module whose
 * memory starts above the cap, or creating such a memory. Growth past the cap is not an exception: it fails as
 * {@code memory.grow} does, with -1.
 */
public class LimitException extends WasmException {
  private static final long serialVersionUID = 1L;

  /** An exception naming the limit and what exceeded it. */
  public LimitException(String message) {
    super(message);
  }
}
