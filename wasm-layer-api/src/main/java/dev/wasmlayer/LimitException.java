package dev.wasmlayer;

/**
 * A limit does not allow what was asked. A store limit ({@link StoreConfig#maxMemoryBytes()}): instantiating a module
 * whose memory starts above the cap, or creating such a memory (growth past the cap is not an exception: it fails as
 * {@code memory.grow} does, with -1). Or an engine limit: a module that may well be valid but is too large for the
 * engine to compile (more Java heap than there is, or a function past a compiler's size limits).
 */
public class LimitException extends WasmException {
  private static final long serialVersionUID = 1L;

  /** An exception naming the limit and what exceeded it. */
  public LimitException(String message) {
    super(message);
  }

  /** An exception naming the limit, with the engine's failure (e.g. an {@link OutOfMemoryError}) as cause. */
  public LimitException(String message, Throwable cause) {
    super(message, cause);
  }
}
