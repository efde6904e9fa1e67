package dev.wasmlayer.component;

/**
 * A Java function a component imports. Arguments and result are WIT values as {@link
 * dev.wasmlayer.component the package} maps them. An exception thrown here traps the calling
 * component with {@link dev.wasmlayer.TrapKind#HOST} and the exception as cause, as for core host
 * functions.
 */
@FunctionalInterface
public interface ComponentHostFunction {
  /**
   * Runs the function.
   *
   * @param args the arguments, one per WIT parameter
   * @return the result, or {@code null} when the function has none
   * @throws Exception to trap the guest
   */
  Object call(Object... args) throws Exception;
}
