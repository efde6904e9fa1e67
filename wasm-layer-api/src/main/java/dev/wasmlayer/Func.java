package dev.wasmlayer;

import dev.wasmlayer.types.FuncType;

/**
 * A WebAssembly function: an instance's export, or a host function seen through a reference.
 *
 * <p>Three ways to call, from general to fastest:
 * <ul>
 *   <li>{@link #call(Value...)}: typed {@link Value}s in and out;
 *   <li>{@link #callRaw(long[])}: raw 64-bit slots in place, no allocation by the layer;
 *   <li>{@link #typed(Class)}: a functional view such as {@link java.util.function.IntUnaryOperator}, checked once.
 * </ul>
 */
public non-sealed interface Func extends Extern {
  @Override
  FuncType type();

  /**
   * Calls the function.
   *
   * @throws IllegalArgumentException if the arguments do not match the parameter types
   * @throws TrapException if the code traps
   */
  Value[] call(Value... args);

  /**
   * Calls the function on raw slots: arguments in {@code slots[0..paramSlots)}, results written back from slot 0.
   * i32 and f32 use the low 32 bits (i32 results are sign-extended, f32 results zero-extended); i64 and f64 the whole
   * slot (floats as raw IEEE bits); v128 two slots, low half first. Reference types have no slot form.
   *
   * @param slots at least {@link FuncType#slotArraySize()} long
   * @throws IllegalArgumentException if {@code slots} is too short or the type has references
   * @throws TrapException if the code traps
   */
  void callRaw(long[] slots);

  /**
   * A view of this function as a functional interface, checked once against its type. Supported:
   * {@code Runnable}; {@code IntSupplier}, {@code LongSupplier}, {@code DoubleSupplier}; {@code IntUnaryOperator},
   * {@code IntBinaryOperator}, {@code LongUnaryOperator}, {@code LongBinaryOperator}, {@code DoubleUnaryOperator},
   * {@code DoubleBinaryOperator}; {@code IntConsumer}, {@code LongConsumer}; {@code IntPredicate} (i32 → i32 ≠ 0).
   * Double views map f64 ({@code double}); int and long views map i32 and i64.
   *
   * @throws IllegalArgumentException if the view's shape does not match this function's type
   */
  <T> T typed(Class<T> view);
}
