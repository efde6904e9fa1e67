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

/** Typed views over the raw slot path: one reused slot array per view, so a call allocates nothing on the Java side. */
final class WasmtimeViews {
  private WasmtimeViews() {}

  static <T> T create(WasmtimeFunc f, Class<T> view) {
    ViewShape shape = ViewShape.of(view, f.type());
    long[] s = new long[Math.max(2, f.type().slotArraySize())];
    Object v;
    switch (shape) {
      case RUNNABLE:
        v = (Runnable) () -> f.callRaw(s);
        break;
      case INT_SUPPLIER:
        v = (IntSupplier) () -> {
          f.callRaw(s);
          return (int) s[0];
        };
        break;
      case LONG_SUPPLIER:
        v = (LongSupplier) () -> {
          f.callRaw(s);
          return s[0];
        };
        break;
      case DOUBLE_SUPPLIER:
        v = (DoubleSupplier) () -> {
          f.callRaw(s);
          return Double.longBitsToDouble(s[0]);
        };
        break;
      case INT_UNARY:
      case INT_PREDICATE:
        IntUnaryOperator u = x -> {
          s[0] = x;
          f.callRaw(s);
          return (int) s[0];
        };
        v = shape == ViewShape.INT_UNARY ? u : (IntPredicate) x -> u.applyAsInt(x) != 0;
        break;
      case INT_BINARY:
        v = (IntBinaryOperator) (x, y) -> {
          s[0] = x;
          s[1] = y;
          f.callRaw(s);
          return (int) s[0];
        };
        break;
      case LONG_UNARY:
        v = (LongUnaryOperator) x -> {
          s[0] = x;
          f.callRaw(s);
          return s[0];
        };
        break;
      case LONG_BINARY:
        v = (LongBinaryOperator) (x, y) -> {
          s[0] = x;
          s[1] = y;
          f.callRaw(s);
          return s[0];
        };
        break;
      case DOUBLE_UNARY:
        v = (DoubleUnaryOperator) x -> {
          s[0] = Double.doubleToRawLongBits(x);
          f.callRaw(s);
          return Double.longBitsToDouble(s[0]);
        };
        break;
      case DOUBLE_BINARY:
        v = (DoubleBinaryOperator) (x, y) -> {
          s[0] = Double.doubleToRawLongBits(x);
          s[1] = Double.doubleToRawLongBits(y);
          f.callRaw(s);
          return Double.longBitsToDouble(s[0]);
        };
        break;
      case INT_CONSUMER:
        v = (IntConsumer) x -> {
          s[0] = x;
          f.callRaw(s);
        };
        break;
      case LONG_CONSUMER:
        v = (LongConsumer) x -> {
          s[0] = x;
          f.callRaw(s);
        };
        break;
      default:
        throw new IllegalStateException("unhandled view " + shape);
    }
    return view.cast(v);
  }
}
