package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.tck.BindingTest.Others;
import dev.wasmlayer.tck.BindingTest.Statics;
import dev.wasmlayer.tck.BindingTest.Swapped;
import dev.wasmlayer.tck.support.TckBase;
import java.util.function.IntBinaryOperator;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Func.typed} with interfaces of the user's own: any public functional interface whose signature maps to the
 * export's type (the binding rules: numbers, Func, objects for externref, records and arrays for several results).
 */
class TypedViewsTest extends TckBase {
  /** {@code (i32, i32) -> ()}. */
  @FunctionalInterface
  public interface IntIntConsumer {
    void accept(int a, int b);
  }

  /** {@code f32 -> f32}. */
  @FunctionalInterface
  public interface FloatOp {
    float apply(float x);
  }

  /** {@code (i32, i64) -> (i64, i32)}. */
  @FunctionalInterface
  public interface Swap {
    Swapped swap(int a, long b);
  }

  /** {@code i32 -> (i32, i32, i32)}. */
  @FunctionalInterface
  public interface Triple {
    int[] of(int x);
  }

  /** {@code i32 -> externref}. */
  @FunctionalInterface
  public interface Wrap {
    Object wrap(int x);
  }

  /** {@code externref -> i32}. */
  @FunctionalInterface
  public interface Unwrap {
    int unwrap(Object o);
  }

  private Instance i;

  @BeforeEach
  void instantiateBound() {
    i = instantiate("bound", Imports.builder().bind("bound", Statics.class).bind("bound", new Others()).build());
  }

  @Test
  void numbersInInterfacesOfYourOwn() {
    func(i, "poke").typed(IntIntConsumer.class).accept(64, 0x1234_5678);
    assertEquals(0x1234_5678, i.memory("memory").orElseThrow().readInt(64));
    assertEquals(-2.5f, func(i, "call_half32").typed(FloatOp.class).apply(2.5f));
    assertEquals(12, func(i, "call_add").typed(IntBinaryOperator.class).applyAsInt(3, 4));
  }

  @Test
  void recordsAndArraysCollectSeveralResults() {
    assertEquals(new Swapped(1L << 40, -7), func(i, "call_swap").typed(Swap.class).swap(-7, 1L << 40));
    assertArrayEquals(new int[] {5, 10, 15}, func(i, "call_triple").typed(Triple.class).of(5));
  }

  @Test
  void referencesPassAsObjects() {
    Object made = func(i, "call_wrap").typed(Wrap.class).wrap(8);
    assertEquals("boxed 8", made.toString());
    assertNull(func(i, "call_wrap").typed(Wrap.class).wrap(-1));
    Object mine = new StringBuilder("seven!!");
    assertEquals(7, func(i, "call_unwrap").typed(Unwrap.class).unwrap(mine));
    assertEquals(-1, func(i, "call_unwrap").typed(Unwrap.class).unwrap(null));
  }

  @Test
  void aViewIsReusable() {
    IntIntConsumer poke = func(i, "poke").typed(IntIntConsumer.class);
    for (int k = 0; k < 1000; k++) {
      poke.accept(k * 4, k);
    }
    assertEquals(999, i.memory("memory").orElseThrow().readInt(999 * 4));
  }

  @Test
  void aMismatchIsReportedWithBothTypes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> func(i, "call_add").typed(IntIntConsumer.class));
    assertTrue(e.getMessage().contains("IntIntConsumer.accept") && e.getMessage().contains("the function is"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> func(i, "call_add").typed(LongBinaryOperator.class));
    IllegalArgumentException notAnInterface = assertThrows(IllegalArgumentException.class,
        () -> func(i, "call_add").typed(String.class));
    assertTrue(notAnInterface.getMessage().contains("not an interface"), notAnInterface.getMessage());
  }

  @Test
  void trapsComeThroughAViewUnchanged() {
    Runnable fail = func(i, "call_fail").typed(Runnable.class);
    dev.wasmlayer.TrapException e = assertThrows(dev.wasmlayer.TrapException.class, fail::run);
    assertEquals("checked failure from the host", e.getCause().getMessage());
    assertSame(dev.wasmlayer.TrapKind.HOST, e.kind());
  }
}
