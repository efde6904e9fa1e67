package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.component.WitFuncType;

/** A component-level function at run time: a lifted core function or a host import. */
interface CFunc {
  /** {@return its type} */
  WitFuncType type();

  /**
   * Calls it with WIT values.
   *
   * @param args the arguments, checked
   * @return the result, or null
   */
  Object invoke(Object[] args);
}
