package dev.wasmlayer;

import dev.wasmlayer.types.GlobalType;

/** A WebAssembly global. */
public non-sealed interface Global extends Extern {
  @Override
  GlobalType type();

  /** The current value. */
  Value get();

  /**
   * Sets the value.
   *
   * @throws UnsupportedOperationException if the global is immutable
   * @throws IllegalArgumentException if the value's type differs from the global's
   */
  void set(Value value);
}
