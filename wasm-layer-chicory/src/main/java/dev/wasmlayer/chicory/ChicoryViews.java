package dev.wasmlayer.chicory;

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
 * Typed views straight onto Chicory's {@code long[] apply(long...)}: the same argument array Chicory's own API
 * allocates, and nothing more, so a view costs what calling Chicory directly costs.
 */
final class ChicoryViews {
  private static final long[] NONE = new long[0];

  private ChicoryViews() {}

  static <T> T create(ChicoryFunc f, Class<T> view) {
    ViewShape shape = ViewShape.of(view, f.type());
    Object v;
    switch (shape) {
      case RUNNABLE:
        v = (Runnable) () -> f.invoke(NONE);
        break;
      case INT_SUPPLIER:
        v = (IntSupplier) () -> (int) f.invoke(NONE)[0];
        break;
      case LONG_SUPPLIER:
        v = (LongSupplier) () -> f.invoke(NONE)[0];
        break;
      case DOUBLE_SUPPLIER:
        v = (DoubleSupplier) () -> Double.longBitsToDouble(f.invoke(NONE)[0]);
        break;
      case INT_UNARY:
        v = (IntUnaryOperator) x -> (int) f.invoke(new long[] {x})[0];
        break;
      case INT_BINARY:
        v = (IntBinaryOperator) (x, y) -> (int) f.invoke(new long[] {x, y})[0];
        break;
      case LONG_UNARY:
        v = (LongUnaryOperator) x -> f.invoke(new long[] {x})[0];
        break;
      case LONG_BINARY:
        v = (LongBinaryOperator) (x, y) -> f.invoke(new long[] {x, y})[0];
        break;
      case DOUBLE_UNARY:
        v = (DoubleUnaryOperator) x ->
            Double.longBitsToDouble(f.invoke(new long[] {Double.doubleToRawLongBits(x)})[0]);
        break;
      case DOUBLE_BINARY:
        v = (DoubleBinaryOperator) (x, y) -> Double.longBitsToDouble(
            f.invoke(new long[] {Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(y)})[0]);
        break;
      case INT_CONSUMER:
        v = (IntConsumer) x -> f.invoke(new long[] {x});
        break;
      case LONG_CONSUMER:
        v = (LongConsumer) x -> f.invoke(new long[] {x});
        break;
      case INT_PREDICATE:
        v = (IntPredicate) x -> (int) f.invoke(new long[] {x})[0] != 0;
        break;
      default:
        throw new IllegalStateException("unhandled view " + shape);
    }
    return view.cast(v);
  }
}
