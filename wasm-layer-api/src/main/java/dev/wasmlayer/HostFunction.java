package dev.wasmlayer;

/**
 * A Java function called from WebAssembly, on typed {@link Value}s. An exception it throws becomes
 * a {@link TrapException} of kind {@link TrapKind#HOST} whose cause is that exception.
 *
 * @param <T> the store data type the function expects ({@link Caller#data()})
 */
@FunctionalInterface
public interface HostFunction<T> {
  /**
   * Runs the function.
   *
   * @param caller the calling instance's store data and exports
   * @param args arguments matching the declared parameter types
   * @return results matching the declared result types ({@link Value#NONE} for none)
   */
  Value[] call(Caller<T> caller, Value[] args);
}
