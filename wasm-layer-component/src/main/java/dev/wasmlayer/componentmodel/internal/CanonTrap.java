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

  /**
   * What a call reports for {@code e}: the canonical ABI trap inside a host trap, or the innermost
   * host trap of nested ones (so its cause is what the host function threw), or {@code e} itself;
   * never an internal type: a {@code CanonTrap} is reported as a plain {@link TrapException}.
   */
  static RuntimeException unwrap(RuntimeException e) {
    RuntimeException found = e;
    if (e instanceof TrapException t && t.kind() == TrapKind.HOST) {
      TrapException host = t;
      for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
        if (c instanceof CanonTrap ct) {
          found = ct;
          break;
        }
        if (c instanceof TrapException inner) {
          if (inner.kind() != TrapKind.HOST) {
            found = inner;
            break;
          }
          host = inner;
        } else {
          found = host;
          break;
        }
      }
      if (found == e) {
        found = host;
      }
    }
    return publicOf(found);
  }

  /** {@return {@code e}, or a {@link TrapException} like it if it is a {@code CanonTrap}} */
  static RuntimeException publicOf(RuntimeException e) {
    if (e instanceof CanonTrap ct) {
      TrapException t = new TrapException(ct.kind(), ct.getMessage(), null);
      t.setStackTrace(ct.getStackTrace());
      return t;
    }
    return e;
  }
}
