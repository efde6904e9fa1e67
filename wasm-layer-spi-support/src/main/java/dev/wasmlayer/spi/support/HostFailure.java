package dev.wasmlayer.spi.support;

import dev.wasmlayer.ExitException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.WasmException;

/**
 * Carries a host function's exception through the engine's frames to the call boundary, where it
 * becomes a {@link TrapKind#HOST} trap naming the function, with the original as cause. No stack
 * trace: the original has it.
 */
public final class HostFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure of host function {@code function}.
   *
   * @param function the host function's name
   * @param cause what it threw
   */
  public HostFailure(String function, Throwable cause) {
    // concat, not +: this may run where a stack overflow was caught
    super(
        "host function ".concat(function).concat(" threw: ").concat(ErrorPaths.describe(cause)),
        cause,
        false,
        false);
  }

  /** {@return the exception the call ends with: the host function's own exit, or a HOST trap} */
  public WasmException toTrap() {
    Throwable cause = getCause();
    if (cause instanceof ExitException exit) {
      return exit;
    }
    return new TrapException(TrapKind.HOST, getMessage(), cause);
  }

  /**
   * {@return the HostFailure in {@code e}'s cause chain, or null (an engine may wrap what a host
   * function throws)}
   *
   * @param e the exception an engine threw
   */
  public static HostFailure find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HostFailure failure) {
        return failure;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
