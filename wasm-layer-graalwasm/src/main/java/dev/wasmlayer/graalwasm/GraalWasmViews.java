package dev.wasmlayer.graalwasm;

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

/** Typed views straight onto {@code Value.execute}: exactly boxed arguments, the result read as its primitive. */
final class GraalWasmViews {
  private GraalWasmViews() {}

  static <T> T create(GraalWasmFunc f, Class<T> view) {
    ViewShape shape = ViewShape.of(view, f.type());
    Object v;
    switch (shape) {
      case RUNNABLE:
        v = (Runnable) () -> f.invoke();
        break;
      case INT_SUPPLIER:
        v = (IntSupplier) () -> f.invoke().asInt();
        break;
      case LONG_SUPPLIER:
        v = (LongSupplier) () -> f.invoke().asLong();
        break;
      case DOUBLE_SUPPLIER:
        v = (DoubleSupplier) () -> f.invoke().asDouble();
        break;
      case INT_UNARY:
        v = (IntUnaryOperator) x -> f.invoke(x).asInt();
        break;
      case INT_BINARY:
        v = (IntBinaryOperator) (x, y) -> f.invoke(x, y).asInt();
        break;
      case LONG_UNARY:
        v = (LongUnaryOperator) x -> f.invoke(x).asLong();
        break;
      case LONG_BINARY:
        v = (LongBinaryOperator) (x, y) -> f.invoke(x, y).asLong();
        break;
      case DOUBLE_UNARY:
        v = (DoubleUnaryOperator) x -> f.invoke(x).asDouble();
        break;
      case DOUBLE_BINARY:
        v = (DoubleBinaryOperator) (x, y) -> f.invoke(x, y).asDouble();
        break;
      case INT_CONSUMER:
        v = (IntConsumer) x -> f.invoke(x);
        break;
      case LONG_CONSUMER:
        v = (LongConsumer) x -> f.invoke(x);
        break;
      case INT_PREDICATE:
        v = (IntPredicate) x -> f.invoke(x).asInt() != 0;
        break;
      default:
        throw new IllegalStateException("unhandled view " + shape);
    }
    return view.cast(v);
  }
}
