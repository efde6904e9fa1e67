package dev.wasmlayer;

import dev.wasmlayer.types.GlobalType;

/** A WebAssembly global. */
public non-sealed interface Global extends Extern {
  @Override
  GlobalType type();

  /** {@return the current value} */
  Value get();

  /**
   * Sets the value.
   *
   * @param value the new value, of the global's type
   * @throws UnsupportedOperationException if the global is immutable
   * @throws IllegalArgumentException if the value's type differs from the global's
   */
  void set(Value value);
}
