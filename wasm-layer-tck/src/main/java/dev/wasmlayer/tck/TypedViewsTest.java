package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.tck.BindingTest.Others;
import dev.wasmlayer.tck.BindingTest.Statics;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.tck.views.FloatOp;
import dev.wasmlayer.tck.views.IntIntConsumer;
import dev.wasmlayer.tck.views.Swap;
import dev.wasmlayer.tck.views.Swapped;
import dev.wasmlayer.tck.views.Triple;
import dev.wasmlayer.tck.views.Unwrap;
import dev.wasmlayer.tck.views.Wrap;
import java.lang.invoke.MethodHandles;
import java.util.function.IntBinaryOperator;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Func.typed} with interfaces of the user's own: any public functional interface whose
 * signature maps to the export's type (the binding rules: numbers, Func, objects for externref,
 * records and arrays for several results). The interfaces live in {@code dev.wasmlayer.tck.views},
 * which the TCK module neither exports nor opens: on the module path they are reachable only
 * through this class's lookup, as a modular application's internal package is.
 */
class TypedViewsTest extends TckBase {
  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  private Instance i;

  @BeforeEach
  void instantiateBound() {
    i =
        instantiate(
            "bound",
            Imports.builder().bind("bound", Statics.class).bind("bound", new Others()).build());
  }

  private <T> T view(String name, Class<T> iface) {
    return func(i, name).typed(iface, LOOKUP);
  }

  @Test
  void numbersInInterfacesOfYourOwn() {
    view("poke", IntIntConsumer.class).accept(64, 0x1234_5678);
    assertEquals(0x1234_5678, i.memory("memory").orElseThrow().readInt(64));
    assertEquals(-2.5f, view("call_half32", FloatOp.class).apply(2.5f));
    assertEquals(12, func(i, "call_add").typed(IntBinaryOperator.class).applyAsInt(3, 4));
  }

  @Test
  void recordsAndArraysCollectSeveralResults() {
    assertEquals(new Swapped(1L << 40, -7), view("call_swap", Swap.class).swap(-7, 1L << 40));
    assertArrayEquals(new int[] {5, 10, 15}, view("call_triple", Triple.class).of(5));
  }

  @Test
  void referencesPassAsObjects() {
    Object made = view("call_wrap", Wrap.class).wrap(8);
    assertEquals("boxed 8", made.toString());
    assertNull(view("call_wrap", Wrap.class).wrap(-1));
    Object mine = new StringBuilder("seven!!");
    assertEquals(7, view("call_unwrap", Unwrap.class).unwrap(mine));
    assertEquals(-1, view("call_unwrap", Unwrap.class).unwrap(null));
  }

  @Test
  void aViewIsReusable() {
    IntIntConsumer poke = view("poke", IntIntConsumer.class);
    for (int k = 0; k < 1000; k++) {
      poke.accept(k * 4, k);
    }
    assertEquals(999, i.memory("memory").orElseThrow().readInt(999 * 4));
  }

  @Test
  void aMismatchIsReportedWithBothTypes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> view("call_add", IntIntConsumer.class));
    assertTrue(
        e.getMessage().contains("IntIntConsumer.accept")
            && e.getMessage().contains("the function is"),
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> func(i, "call_add").typed(LongBinaryOperator.class));
    IllegalArgumentException notAnInterface =
        assertThrows(IllegalArgumentException.class, () -> func(i, "call_add").typed(String.class));
    assertTrue(
        notAnInterface.getMessage().contains("not an interface"), notAnInterface.getMessage());
  }

  @Test
  void trapsComeThroughAViewUnchanged() {
    Runnable fail = func(i, "call_fail").typed(Runnable.class);
    TrapException e = assertThrows(TrapException.class, fail::run);
    assertEquals("checked failure from the host", e.getCause().getMessage());
    assertSame(TrapKind.HOST, e.kind());
  }

  @Test
  void theViewsPackageIsClosedOnTheModulePath() {
    boolean modulePath = Boolean.getBoolean("dev.wasmlayer.tck.modulePath");
    Module m = IntIntConsumer.class.getModule();
    assertEquals(
        modulePath,
        m.isNamed(),
        "the TCK runs on the module path: " + modulePath + ", views in " + m);
    if (m.isNamed()) {
      String pkg = IntIntConsumer.class.getPackageName();
      assertTrue(
          !m.isExported(pkg) && !m.isOpen(pkg, Instance.class.getModule()),
          pkg + " must stay closed");
    }
  }

  @Test
  void withoutALookupAClosedPackageIsRefusedNamingTheFix() {
    if (IntIntConsumer.class.getModule().isNamed()) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> func(i, "poke").typed(IntIntConsumer.class));
      String m = e.getMessage();
      assertTrue(
          m.contains(
                  "pass MethodHandles.lookup() from module dev.wasmlayer.tck to typed(Class, Lookup)")
              && m.contains("open package dev.wasmlayer.tck.views to dev.wasmlayer.api"),
          m);
    } else {
      // on the class path every package is open: no lookup needed
      func(i, "poke").typed(IntIntConsumer.class).accept(64, 77);
      assertEquals(77, i.memory("memory").orElseThrow().readInt(64));
      assertEquals(new Swapped(5, 6), func(i, "call_swap").typed(Swap.class).swap(6, 5));
    }
  }

  @Test
  void aLookupWithoutPrivateAccessIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> func(i, "poke").typed(IntIntConsumer.class, MethodHandles.publicLookup()));
    assertTrue(e.getMessage().contains("MethodHandles.lookup()"), e.getMessage());
  }

  @Test
  void aLookupOfAnotherPackageOfTheModuleWorks() {
    // the adapter is defined in this test's package, implementing an interface of a sibling package
    IntIntConsumer poke = func(i, "poke").typed(IntIntConsumer.class, LOOKUP);
    poke.accept(128, -3);
    assertEquals(-3, i.memory("memory").orElseThrow().readInt(128));
  }
}
