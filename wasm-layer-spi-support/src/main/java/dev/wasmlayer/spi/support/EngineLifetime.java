package dev.wasmlayer.spi.support;

/**
 * An engine's native state, shared by its stores: {@link #close()} marks the engine closed (no new
 * stores or modules), and the state is freed once the engine is closed and its last store and
 * module have let go, so stores made before the close stay usable, interruptible and bound by their
 * deadlines.
 */
public final class EngineLifetime {
  private final Runnable free;
  private int users;
  private boolean closed;
  private boolean freed;

  /**
   * Tracks an engine that has not been closed and has no users yet.
   *
   * @param free frees the engine's native state; run once, by the last one out
   */
  public EngineLifetime(Runnable free) {
    this.free = free;
  }

  /**
   * A store or module starts using the engine.
   *
   * @throws IllegalStateException if the engine is closed
   */
  public synchronized void acquire() {
    if (closed) {
      throw new IllegalStateException("Engine is closed");
    }
    users++;
  }

  /** A store or module no longer uses the engine (once per {@link #acquire()}). */
  public void release() {
    synchronized (this) {
      if (--users > 0 || !closed || freed) {
        return;
      }
      freed = true;
    }
    free.run();
  }

  /** {@return whether {@link #close()} was called} */
  public synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Closes the engine: frees now if nothing uses it, else when the last user lets go. Idempotent.
   */
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (users > 0) {
        return;
      }
      freed = true;
    }
    free.run();
  }
}
