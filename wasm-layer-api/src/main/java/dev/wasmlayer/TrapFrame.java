package dev.wasmlayer;

import java.util.Objects;
import java.util.Optional;

/**
 * One wasm frame of a trap's stack, where the engine gives them.
 *
 * @param functionIndex index of the function in its module
 * @param functionName the name from the name section, if any
 * @param moduleOffset byte offset of the instruction in the module, or -1 if unknown
 */
public record TrapFrame(int functionIndex, Optional<String> functionName, long moduleOffset) {
  /** Checks arguments. */
  public TrapFrame {
    Objects.requireNonNull(functionName, "functionName");
  }
}
