package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Func;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ValType;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.IntBinaryOperator;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Calling exports: multi-value, many parameters, the raw slot path, typed views and argument
 * checking.
 */
class FunctionsTest extends TckBase {
  @Test
  void multiValueResults() {
    Instance m = instantiate("multi");
    assertArrayEquals(
        new Value[] {Value.i32(2), Value.i32(1)}, func(m, "swap").call(Value.i32(1), Value.i32(2)));
    assertArrayEquals(
        new Value[] {Value.i32(-1), Value.i64(-2), Value.f64(0.5)}, func(m, "three_consts").call());
    assertArrayEquals(
        new Value[] {Value.i32(0x9ABC_DEF0), Value.i32(0x1234_5678)},
        func(m, "split_i64").call(Value.i64(0x1234_5678_9ABC_DEF0L)));
  }

  @Test
  void mixedTypesComeBackInOrder() {
    Value[] out =
        func(instantiate("multi"), "reverse4")
            .call(Value.i32(7), Value.i64(-8), Value.f32(9.5f), Value.f64(-10.25));
    assertArrayEquals(
        new Value[] {Value.f64(-10.25), Value.f32(9.5f), Value.i64(-8), Value.i32(7)}, out);
  }

  @Test
  void manyParameters() {
    Value[] args = {
      Value.i32(1),
      Value.i32(2),
      Value.i32(3),
      Value.i32(4),
      Value.i32(-5),
      Value.i64(10),
      Value.i64(20),
      Value.i64(30),
      Value.i64(40),
      Value.i64(1L << 40)
    };
    assertEquals(5 + 100 + (1L << 40), func(instantiate("multi"), "sum10").call(args)[0].i64());
  }

  @Test
  void noParamsNoResults() {
    assertEquals(0, func(instantiate("numbers"), "nop").call().length);
  }

  @Test
  void rawPathWritesMultipleResultsInPlace() {
    Instance m = instantiate("multi");
    long[] slots = {1, 2};
    func(m, "swap").callRaw(slots);
    assertArrayEquals(new long[] {2, 1}, slots);
    long[] mixed = {7, -8, Float.floatToRawIntBits(9.5f), Double.doubleToRawLongBits(-10.25)};
    func(m, "reverse4").callRaw(mixed);
    assertEquals(-10.25, Double.longBitsToDouble(mixed[0]));
    assertEquals(9.5f, Float.intBitsToFloat((int) mixed[1]));
    assertEquals(-8, mixed[2]);
    assertEquals(7, (int) mixed[3]);
  }

  @Test
  void rawPathAcceptsLongerArraysAndResultsLongerThanParams() {
    long[] slots = {0, 99, 99};
    func(instantiate("multi"), "three_consts").callRaw(slots);
    assertEquals(-1, (int) slots[0]);
    assertEquals(-2, slots[1]);
    assertEquals(0.5, Double.longBitsToDouble(slots[2]));
    long[] longer = {41, 1234, 5678};
    func(instantiate("numbers"), "add_one").callRaw(longer);
    assertEquals(42, (int) longer[0]);
  }

  @Test
  void rawPathRejectsShortArrays() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> func(instantiate("multi"), "three_consts").callRaw(new long[2]));
    assertTrue(e.getMessage().contains("3"), e.getMessage());
  }

  @Test
  void typedViews() {
    Instance n = instantiate("numbers");
    assertEquals(42, func(n, "add_one").typed(IntUnaryOperator.class).applyAsInt(41));
    assertEquals(42, func(n, "answer").typed(IntSupplier.class).getAsInt());
    assertEquals(3L, func(n, "i64_add").typed(LongBinaryOperator.class).applyAsLong(1, 2));
    assertEquals(6.0, func(n, "f64_mul").typed(DoubleBinaryOperator.class).applyAsDouble(2.0, 3.0));
    func(n, "nop").typed(Runnable.class).run();
    IntUnaryOperator fib = func(n, "fib").typed(IntUnaryOperator.class);
    assertEquals(6765, fib.applyAsInt(20));
  }

  @Test
  void typedViewOfTheWrongShapeIsRejectedOnce() {
    Func addOne = func(instantiate("numbers"), "add_one");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> addOne.typed(IntBinaryOperator.class));
    assertTrue(e.getMessage().contains("IntBinaryOperator"), e.getMessage());
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> addOne.typed(Supplier.class));
    assertTrue(
        unknown.getMessage().contains("Supplier.get")
            && unknown.getMessage().contains("the function is"),
        unknown.getMessage());
  }

  @Test
  void wrongArgumentsAreRejectedBeforeTheCall() {
    Func addOne = func(instantiate("numbers"), "add_one");
    assertThrows(IllegalArgumentException.class, () -> addOne.call());
    assertThrows(IllegalArgumentException.class, () -> addOne.call(Value.i32(1), Value.i32(2)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> addOne.call(Value.i64(1)));
    assertTrue(e.getMessage().contains("i32"), e.getMessage());
  }

  @Test
  void exportTypesAreReported() {
    Instance n = instantiate("numbers");
    assertEquals(
        FuncType.of(List.of(ValType.I32), List.of(ValType.I32)), func(n, "add_one").type());
    assertEquals(
        FuncType.of(List.of(ValType.F64, ValType.F64), List.of(ValType.F64)),
        func(n, "f64_mul").type());
    assertEquals(FuncType.of(List.of(), List.of()), func(n, "nop").type());
  }

  @Test
  void lookupsThatMissAreEmpty() {
    Instance n = instantiate("numbers");
    assertTrue(n.func("no_such_export").isEmpty());
    assertTrue(n.memory("add_one").isEmpty(), "a function is not a memory");
    assertTrue(n.export("add_one").isPresent());
  }

  @Test
  void recursionComputes() {
    assertEquals(Value.i32(832040), func(instantiate("numbers"), "fib").call(Value.i32(30))[0]);
  }

  @Test
  void instancesOfOneModuleAreIndependent() {
    Instance a = instantiate("host", hostImports());
    Instance b = instantiate("host", hostImports());
    func(a, "bump").call();
    func(a, "bump").call();
    assertEquals(3, func(a, "bump").call()[0].i32());
    assertEquals(1, func(b, "bump").call()[0].i32());
  }

  static Imports hostImports() {
    return HostFunctionsTest.echoImports().build();
  }
}
