package dev.wasmlayer.chicory;

import dev.wasmlayer.ExitException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.spi.support.ErrorPaths;

/**
 * Carries a host function's exception through Chicory's frames to the call boundary, where it becomes a
 * {@link TrapKind#HOST} trap with the original as cause. No stack trace: the original has it.
 */
final class HostFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String function;

  HostFailure(String function, Throwable cause) {
    // concat, not +: this runs where a stack overflow was caught (see ChicoryErrors)
    super("host function ".concat(function).concat(" threw ").concat(ErrorPaths.describe(cause)), cause, false,
        false);
    this.function = function;
  }

  WasmException toTrap() {
    Throwable cause = getCause();
    if (cause instanceof ExitException) {
      return (ExitException) cause;
    }
    return new TrapException(TrapKind.HOST,
        "host function ".concat(function).concat(" threw: ").concat(ErrorPaths.describe(cause)), cause);
  }

  /** The HostFailure in {@code e}'s cause chain, if any (Chicory may wrap what a host function throws). */
  static HostFailure find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HostFailure) {
        return (HostFailure) t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
