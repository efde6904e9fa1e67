package dev.wasmlayer;

import dev.wasmlayer.spi.TypedViews;
import dev.wasmlayer.types.FuncType;
import java.lang.invoke.MethodHandles;
import java.util.Objects;

/**
 * A WebAssembly function: an instance's export, or a host function seen through a reference.
 *
 * <p>Three ways to call, from general to fastest:
 *
 * <ul>
 *   <li>{@link #call(Value...)}: typed {@link Value}s in and out;
 *   <li>{@link #callRaw(long[])}: raw 64-bit slots in place, no allocation by the layer;
 *   <li>{@link #typed(Class)}: a functional view such as {@link
 *       java.util.function.IntUnaryOperator}, checked once.
 * </ul>
 */
public non-sealed interface Func extends Extern {
  @Override
  FuncType type();

  /**
   * Calls the function.
   *
   * @param args the command-line arguments
   * @return the results, one per result type
   * @throws IllegalArgumentException if the arguments do not match the parameter types
   * @throws TrapException if the code traps
   */
  Value[] call(Value... args);

  /**
   * Calls the function on raw slots: arguments in {@code slots[0..paramSlots)}, results written
   * back from slot 0. i32 and f32 use the low 32 bits (i32 results are sign-extended, f32 results
   * zero-extended); i64 and f64 the whole slot (floats as raw IEEE bits); v128 two slots, low half
   * first. Reference types have no slot form.
   *
   * @param slots at least {@link FuncType#slotArraySize()} long
   * @throws IllegalArgumentException if {@code slots} is too short or the type has references
   * @throws TrapException if the code traps
   */
  void callRaw(long[] slots);

  /**
   * {@return a view of this function as a functional interface, checked once against its type} Any
   * public functional interface whose method's signature maps to the function's type works, by the
   * rules of {@link dev.wasmlayer.bind.WasmImport} ({@code int/long/float/double} for
   * i32/i64/f32/f64, {@code Func} for funcref, other objects for externref, a record or primitive
   * array for several results). The {@code java.util.function} shapes {@code Runnable}, {@code
   * IntSupplier}, {@code LongSupplier}, {@code DoubleSupplier}, {@code IntUnaryOperator}, {@code
   * IntBinaryOperator}, {@code LongUnaryOperator}, {@code LongBinaryOperator}, {@code
   * DoubleUnaryOperator}, {@code DoubleBinaryOperator}, {@code IntConsumer}, {@code LongConsumer}
   * and {@code IntPredicate} (i32 → i32 ≠ 0) have hand-written fast paths in every engine; other
   * interfaces are generated (a hidden class calling {@link #callRaw} through a constant method
   * handle, one slot array per call).
   *
   * <pre>{@code
   * public interface Poke { void poke(int address, int value); }      // (i32, i32) -> ()
   * Poke poke = instance.func("poke").orElseThrow().typed(Poke.class);
   * poke.poke(64, 42);
   * }</pre>
   *
   * <p>The view's class is generated in a package that can see the interface: wasm-layer's own when
   * the interface is visible from its class loader and exported, otherwise the interface's own
   * package (any interface on the class path or in a child class loader, or in a package open to
   * {@code dev.wasmlayer.api}). For an interface in a package of a named module that is neither,
   * use {@link #typed(Class, MethodHandles.Lookup)}.
   *
   * @param <T> the view interface's type
   * @param view a functional interface whose method matches the function's type
   * @throws IllegalArgumentException if the view's signature does not match this function's type,
   *     naming both; or if the interface (or its result record) is out of wasm-layer's reach,
   *     naming the fix
   */
  <T> T typed(Class<T> view);

  /**
   * Like {@link #typed(Class)}, defining the view in the package of {@code lookup}: pass {@code
   * MethodHandles.lookup()} from a class of the module that declares {@code view} when its package
   * is not open to {@code dev.wasmlayer.api} (a modular application's internal packages). The
   * lookup also reaches a result record's constructor and accessors.
   *
   * <pre>{@code
   * Poke poke = func.typed(Poke.class, MethodHandles.lookup());
   * }</pre>
   *
   * @param <T> the view's type
   * @param view a public functional interface
   * @param lookup a lookup with full privilege (or package access) that can access {@code view}
   * @return the view, usable as long as this function's store is open
   * @throws IllegalArgumentException as {@link #typed(Class)}, or if {@code lookup} cannot access
   *     {@code view}
   */
  default <T> T typed(Class<T> view, MethodHandles.Lookup lookup) {
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(lookup, "lookup");
    return TypedViews.isShape(view) ? typed(view) : TypedViews.generic(this, view, lookup);
  }
}
