package dev.wasmlayer.spi.support;

import static dev.wasmlayer.spi.support.ViewCall.F64;
import static dev.wasmlayer.spi.support.ViewCall.I32;
import static dev.wasmlayer.spi.support.ViewCall.I64;
import static dev.wasmlayer.spi.support.ViewCall.VOID;

import dev.wasmlayer.Func;
import dev.wasmlayer.spi.TypedViews;
import dev.wasmlayer.spi.ViewShape;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntBinaryOperator;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * {@link Func#typed(Class)} for every backend: one lambda per {@link ViewShape} onto the backend's
 * {@link ViewCall}, each passing its argument count and kinds as literals; other interfaces go to
 * {@link TypedViews#generic}.
 */
public final class ShapedViews {
  private ShapedViews() {}

  /**
   * {@return {@code f} as {@code view}}
   *
   * @param <T> the view's type
   * @param f the function
   * @param call its view call (usually {@code f} itself)
   * @param view the interface asked for
   * @throws IllegalArgumentException if the interface does not fit the function's type
   */
  public static <T> T typed(Func f, ViewCall call, Class<T> view) {
    Objects.requireNonNull(view, "view");
    if (!TypedViews.isShape(view)) {
      return TypedViews.generic(f, view);
    }
    return view.cast(create(ViewShape.of(view, f.type()), call));
  }

  private static Object create(ViewShape shape, ViewCall c) {
    return switch (shape) {
      case RUNNABLE -> (Runnable) () -> c.viewCall(0, 0, 0, I32, VOID);
      case INT_SUPPLIER -> (IntSupplier) () -> (int) c.viewCall(0, 0, 0, I32, I32);
      case LONG_SUPPLIER -> (LongSupplier) () -> c.viewCall(0, 0, 0, I64, I64);
      case DOUBLE_SUPPLIER ->
          (DoubleSupplier) () -> Double.longBitsToDouble(c.viewCall(0, 0, 0, F64, F64));
      case INT_UNARY -> (IntUnaryOperator) x -> (int) c.viewCall(1, x, 0, I32, I32);
      case INT_PREDICATE -> (IntPredicate) x -> (int) c.viewCall(1, x, 0, I32, I32) != 0;
      case INT_BINARY -> (IntBinaryOperator) (x, y) -> (int) c.viewCall(2, x, y, I32, I32);
      case LONG_UNARY -> (LongUnaryOperator) x -> c.viewCall(1, x, 0, I64, I64);
      case LONG_BINARY -> (LongBinaryOperator) (x, y) -> c.viewCall(2, x, y, I64, I64);
      case DOUBLE_UNARY ->
          (DoubleUnaryOperator)
              x ->
                  Double.longBitsToDouble(
                      c.viewCall(1, Double.doubleToRawLongBits(x), 0, F64, F64));
      case DOUBLE_BINARY ->
          (DoubleBinaryOperator)
              (x, y) ->
                  Double.longBitsToDouble(
                      c.viewCall(
                          2,
                          Double.doubleToRawLongBits(x),
                          Double.doubleToRawLongBits(y),
                          F64,
                          F64));
      case INT_CONSUMER -> (IntConsumer) x -> c.viewCall(1, x, 0, I32, VOID);
      case LONG_CONSUMER -> (LongConsumer) x -> c.viewCall(1, x, 0, I64, VOID);
    };
  }
}
