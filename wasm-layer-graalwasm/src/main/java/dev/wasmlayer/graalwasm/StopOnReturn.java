package dev.wasmlayer.graalwasm;

import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;

/**
 * A stop (interrupt, deadline, close) asked for while a host function ran, thrown as it returns so
 * the guest never runs on: GraalWasm carries it back as a host exception, and the call boundary
 * makes it an {@link TrapKind#INTERRUPTED} trap.
 */
final class StopOnReturn extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StopOnReturn(String function) {
    super(
        "interrupted: the stop asked for while host function "
            + function
            + " ran took effect on its return",
        null,
        false,
        false);
  }

  TrapException toTrap() {
    return new TrapException(TrapKind.INTERRUPTED, getMessage(), this);
  }
}
