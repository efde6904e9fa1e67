package dev.wasmlayer.component;

/**
 * An exported function of a component instance. Calls go through its store's call gate, under the
 * store's limits, deadline and fuel like a core call.
 */
public interface ComponentFunc {
  /** {@return its WIT type} */
  WitFuncType type();

  /**
   * Calls it.
   *
   * @param args one WIT value per parameter
   * @return the result, or {@code null} when it has none
   * @throws IllegalArgumentException if an argument does not fit its parameter's type
   * @throws dev.wasmlayer.TrapException if the component traps
   */
  Object call(Object... args);
}
