package dev.wasmlayer;

/**
 * A Java function called from WebAssembly on raw slots, the allocation-free form of {@link
 * HostFunction}. The slot encoding is {@link Func#callRaw(long[])}'s: arguments arrive in {@code
 * slots[0..paramSlots)}; the function writes its results from slot 0. The array is {@code
 * max(paramSlots, resultSlots)} long and must not be kept.
 *
 * @param <T> the store data type the function expects ({@link Caller#data()})
 */
@FunctionalInterface
public interface RawHostFunction<T> {
  /**
   * Runs the function; an exception becomes a {@link TrapKind#HOST} trap with it as cause.
   *
   * @param caller the calling instance and its store
   * @param slots the arguments on entry, the results on return, one slot each (see {@link
   *     Value#toSlots})
   */
  void call(Caller<T> caller, long[] slots);
}
