package dev.wasmlayer;

/**
 * A store limit ({@link StoreConfig#maxMemoryBytes()}, {@link StoreConfig#maxTableElements()}), or
 * what the engine can give (the Java heap, address space), does not allow what was asked:
 * instantiating a module whose memories' or tables' minimums exceed what is left of the store's
 * caps, or creating such a memory or table from the host. Growth past a cap is not an exception: it
 * fails as {@code memory.grow} and {@code table.grow} do, with -1. Or an engine limit: a module
 * that may well be valid but is too large for the engine to compile (more Java heap than there is,
 * or a function past a compiler's size limits).
 */
public class LimitException extends WasmException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception naming the limit and what exceeded it.
   *
   * @param message what went wrong, for people
   */
  public LimitException(String message) {
    super(message);
  }

  /**
   * An exception naming the limit, with the engine's failure (e.g. an {@link OutOfMemoryError}) as
   * cause.
   *
   * @param message what went wrong, for people
   * @param cause the underlying failure, or {@code null}
   */
  public LimitException(String message, Throwable cause) {
    super(message, cause);
  }
}
