package dev.wasmlayer.wasmtime;

import dev.wasmlayer.spi.ViewShape;
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
 * Typed views over the raw slot path, on the function's reused native buffer, so a call allocates nothing. A view's
 * shape fixes every width (ints are i32, longs i64, doubles f64), so each lambda passes its argument count and result
 * width as literals that the JIT folds: no per-call look at the function's type. A view without results reads the
 * unused first slot as an int.
 */
final class WasmtimeViews {
  private WasmtimeViews() {}

  static <T> T create(WasmtimeFunc f, Class<T> view) {
    ViewShape shape = ViewShape.of(view, f.type());
    Object v = switch (shape) {
      case RUNNABLE -> (Runnable) () -> f.viewCall(0, 0, 0, true);
      case INT_SUPPLIER -> (IntSupplier) () -> (int) f.viewCall(0, 0, 0, true);
      case LONG_SUPPLIER -> (LongSupplier) () -> f.viewCall(0, 0, 0, false);
      case DOUBLE_SUPPLIER -> (DoubleSupplier) () -> Double.longBitsToDouble(f.viewCall(0, 0, 0, false));
      case INT_UNARY -> (IntUnaryOperator) x -> (int) f.viewCall(1, x, 0, true);
      case INT_PREDICATE -> (IntPredicate) x -> (int) f.viewCall(1, x, 0, true) != 0;
      case INT_BINARY -> (IntBinaryOperator) (x, y) -> (int) f.viewCall(2, x, y, true);
      case LONG_UNARY -> (LongUnaryOperator) x -> f.viewCall(1, x, 0, false);
      case LONG_BINARY -> (LongBinaryOperator) (x, y) -> f.viewCall(2, x, y, false);
      case DOUBLE_UNARY -> (DoubleUnaryOperator) x ->
          Double.longBitsToDouble(f.viewCall(1, Double.doubleToRawLongBits(x), 0, false));
      case DOUBLE_BINARY -> (DoubleBinaryOperator) (x, y) -> Double.longBitsToDouble(
          f.viewCall(2, Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(y), false));
      case INT_CONSUMER -> (IntConsumer) x -> f.viewCall(1, x, 0, true);
      case LONG_CONSUMER -> (LongConsumer) x -> f.viewCall(1, x, 0, true);
      default -> throw new IllegalStateException("unhandled view " + shape);
    };
    return view.cast(v);
  }
}
