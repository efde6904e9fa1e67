package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;

/**
 * A trap the canonical ABI raises for what a guest did wrong (a pointer out of bounds, a bad
 * discriminant, a dropped handle). Raised inside a lowered import it reaches the call boundary
 * wrapped as a host failure; {@link #unwrap} takes it out again.
 */
final class CanonTrap extends TrapException {
  private static final long serialVersionUID = 1L;

  CanonTrap(TrapKind kind, String message) {
    super(kind, message, null);
  }

  static CanonTrap outOfBounds(String message) {
    return new CanonTrap(TrapKind.MEMORY_OUT_OF_BOUNDS, message);
  }

  static CanonTrap other(String message) {
    return new CanonTrap(TrapKind.OTHER, message);
  }

  /** {@return the canonical ABI trap inside a host trap, or {@code e} itself} */
  static RuntimeException unwrap(RuntimeException e) {
    if (e instanceof TrapException t && t.kind() == TrapKind.HOST) {
      for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
        if (c instanceof CanonTrap ct) {
          return ct;
        }
        if (c instanceof TrapException inner && inner.kind() != TrapKind.HOST) {
          return inner;
        }
      }
    }
    return e;
  }
}
