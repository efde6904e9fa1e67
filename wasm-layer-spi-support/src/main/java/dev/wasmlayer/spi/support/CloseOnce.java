package dev.wasmlayer.spi.support;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A closed flag for engines and modules: the first {@link #close()} wins, and {@link #check()}
 * refuses use after.
 */
public final class CloseOnce {
  private final String what;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A flag for one object.
   *
   * @param what the object's kind, for the exception ({@code "Engine"}, {@code "Module"})
   */
  public CloseOnce(String what) {
    this.what = what;
  }

  /** {@return true for the first call only: that caller frees what the object holds} */
  public boolean close() {
    return closed.compareAndSet(false, true);
  }

  /** {@return whether {@link #close()} was called} */
  public boolean isClosed() {
    return closed.get();
  }

  /** Throws {@link IllegalStateException} once closed. */
  public void check() {
    if (closed.get()) {
      throw new IllegalStateException(what + " is closed");
    }
  }
}
