package dev.wasmlayer.spi;

import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.NumType;
import dev.wasmlayer.types.ValType;
import java.util.List;
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
 * The functional interfaces {@link dev.wasmlayer.Func#typed(Class)} supports and the wasm signature
 * each needs, so every backend checks views the same way and only writes the call.
 */
public enum ViewShape {
  /** {@code () -> ()}. */
  RUNNABLE(Runnable.class, List.of(), List.of()),
  /** {@code () -> i32}. */
  INT_SUPPLIER(IntSupplier.class, List.of(), List.of(NumType.I32)),
  /** {@code () -> i64}. */
  LONG_SUPPLIER(LongSupplier.class, List.of(), List.of(NumType.I64)),
  /** {@code () -> f64}. */
  DOUBLE_SUPPLIER(DoubleSupplier.class, List.of(), List.of(NumType.F64)),
  /** {@code i32 -> i32}. */
  INT_UNARY(IntUnaryOperator.class, List.of(NumType.I32), List.of(NumType.I32)),
  /** {@code (i32, i32) -> i32}. */
  INT_BINARY(IntBinaryOperator.class, List.of(NumType.I32, NumType.I32), List.of(NumType.I32)),
  /** {@code i64 -> i64}. */
  LONG_UNARY(LongUnaryOperator.class, List.of(NumType.I64), List.of(NumType.I64)),
  /** {@code (i64, i64) -> i64}. */
  LONG_BINARY(LongBinaryOperator.class, List.of(NumType.I64, NumType.I64), List.of(NumType.I64)),
  /** {@code f64 -> f64}. */
  DOUBLE_UNARY(DoubleUnaryOperator.class, List.of(NumType.F64), List.of(NumType.F64)),
  /** {@code (f64, f64) -> f64}. */
  DOUBLE_BINARY(
      DoubleBinaryOperator.class, List.of(NumType.F64, NumType.F64), List.of(NumType.F64)),
  /** {@code i32 -> ()}. */
  INT_CONSUMER(IntConsumer.class, List.of(NumType.I32), List.of()),
  /** {@code i64 -> ()}. */
  LONG_CONSUMER(LongConsumer.class, List.of(NumType.I64), List.of()),
  /** {@code i32 -> i32}, true when the result is non-zero. */
  INT_PREDICATE(IntPredicate.class, List.of(NumType.I32), List.of(NumType.I32));

  private final Class<?> view;
  private final FuncType type;

  ViewShape(Class<?> view, List<ValType> params, List<ValType> results) {
    this.view = view;
    this.type = new FuncType(params, results);
  }

  /** {@return the functional interface} */
  public Class<?> view() {
    return view;
  }

  /** {@return the wasm signature it needs} */
  public FuncType type() {
    return type;
  }

  /**
   * {@return the shape for {@code view}, checked against the function's type}
   *
   * @param view the view interface
   * @param actual the function's type
   * @throws IllegalArgumentException naming the mismatch, or listing the supported views
   */
  public static ViewShape of(Class<?> view, FuncType actual) {
    for (ViewShape s : values()) {
      if (s.view == view) {
        if (!s.type.equals(actual)) {
          throw new IllegalArgumentException(
              view.getSimpleName()
                  + " needs a function of type "
                  + s.type
                  + ", but this one is "
                  + actual);
        }
        return s;
      }
    }
    StringBuilder known = new StringBuilder();
    for (ViewShape s : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(s.view.getSimpleName());
    }
    throw new IllegalArgumentException(
        "no typed view for " + view.getName() + "; supported: " + known);
  }
}
