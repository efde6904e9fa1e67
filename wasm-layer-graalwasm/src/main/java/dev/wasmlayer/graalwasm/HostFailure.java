package dev.wasmlayer.graalwasm;

import dev.wasmlayer.ExitException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.spi.support.ErrorPaths;

/**
 * Carries a host function's exception through GraalWasm (which hands it back as a host exception) to the call
 * boundary, where it becomes a {@link TrapKind#HOST} trap naming the function, with the original as cause.
 */
final class HostFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String function;

  HostFailure(String function, Throwable cause) {
    super("host function " + function + " threw " + ErrorPaths.describe(cause), cause, false, false);
    this.function = function;
  }

  WasmException toTrap() {
    Throwable cause = getCause();
    if (cause instanceof ExitException) {
      return (ExitException) cause;
    }
    return new TrapException(TrapKind.HOST, "host function " + function + " threw: " + ErrorPaths.describe(cause),
        cause);
  }
}
