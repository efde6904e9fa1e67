package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Caller;
import dev.wasmlayer.Func;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.bind.WasmImport;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.tck.views.FloatOp;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.ValType;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntBinaryOperator;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Automatic host bindings ({@code Imports.Builder.bind} and the lambda form of {@code func}): every
 * value type, records and arrays for several results, {@code Caller}, exceptions, and the errors
 * reported when binding.
 */
class BindingTest extends TckBase {
  /** The numeric imports of bound.wat. */
  public static final class Numbers {
    final List<String> calls = new ArrayList<>();

    @WasmImport
    public int add(int a, int b) {
      calls.add("add " + a + " " + b);
      return a + b;
    }

    @WasmImport
    public long mul64(long a, long b) {
      return a * b;
    }

    @WasmImport
    public float half32(float x) {
      return x / 2;
    }

    @WasmImport(name = "sqrt64")
    public double root(double x) {
      return Math.sqrt(x);
    }
  }

  /** A result per component. */
  public record Swapped(long first, int second) {}

  /** Floats in a record. */
  public record Mixed(double wide, float narrow) {}

  /** The other imports of bound.wat: several results, references, Caller, failure. */
  public static final class Others {
    final List<Object> seen = new ArrayList<>();
    int tripleLength = 3;

    @WasmImport
    public Swapped swap(int a, long b) {
      return new Swapped(b, a);
    }

    @WasmImport
    public Mixed mix(float a, double b) {
      return new Mixed(b, a);
    }

    @WasmImport(results = 3)
    public int[] triple(int x) {
      int[] out = new int[tripleLength];
      for (int i = 0; i < out.length; i++) {
        out[i] = x * (i + 1);
      }
      return out;
    }

    @WasmImport
    public Object wrap(int x) {
      return x < 0 ? null : new StringBuilder("boxed ").append(x);
    }

    @WasmImport
    public int unwrap(Object o) {
      seen.add(o);
      return o == null ? -1 : o.toString().length();
    }

    @WasmImport
    public int apply(Func f, int x) {
      return f == null ? -2 : f.call(Value.i32(x))[0].i32();
    }

    @WasmImport
    public void note(Caller<?> caller, int ptr, int len) {
      seen.add(caller.memory("memory").orElseThrow().readString(ptr, len));
    }

    @WasmImport
    public void fail() throws Exception {
      throw new Exception("checked failure from the host");
    }
  }

  /** {@code f32 -> f32} as a functional interface of the user's own. */
  @FunctionalInterface
  public interface FloatUnary {
    float apply(float x);
  }

  private Instance bound(Numbers numbers, Others others) {
    return instantiate(
        "bound", Imports.builder().bind("bound", numbers).bind("bound", others).build());
  }

  @Test
  void numbersMapToI32I64F32F64() {
    Numbers numbers = new Numbers();
    Instance i = bound(numbers, new Others());
    assertEquals(7, func(i, "call_add").call(Value.i32(3), Value.i32(4))[0].i32());
    assertEquals(List.of("add 3 4"), numbers.calls);
    assertEquals(
        Integer.MIN_VALUE,
        func(i, "call_add").call(Value.i32(Integer.MAX_VALUE), Value.i32(1))[0].i32());
    assertEquals(
        6_000_000_000L,
        func(i, "call_mul64").call(Value.i64(3), Value.i64(2_000_000_000L))[0].i64());
    assertEquals(1.25f, func(i, "call_half32").call(Value.f32(2.5f))[0].f32());
    assertEquals(3.0, func(i, "call_sqrt64").call(Value.f64(9.0))[0].f64());
    assertEquals(
        Float.NEGATIVE_INFINITY,
        func(i, "call_half32").call(Value.f32(Float.NEGATIVE_INFINITY))[0].f32());
  }

  @Test
  void numbersOnlyBindingsAreRawAndReferencesAreValues() {
    Imports imports =
        Imports.builder().bind("bound", new Numbers()).bind("bound", new Others()).build();
    Imports.RawHostFunc add =
        assertInstanceOf(Imports.RawHostFunc.class, imports.resolve("bound", "add").orElseThrow());
    assertEquals(FuncType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)), add.type());
    Imports.RawHostFunc swap =
        assertInstanceOf(Imports.RawHostFunc.class, imports.resolve("bound", "swap").orElseThrow());
    assertEquals(
        FuncType.of(List.of(ValType.I32, ValType.I64), List.of(ValType.I64, ValType.I32)),
        swap.type());
    Imports.HostFunc apply =
        assertInstanceOf(Imports.HostFunc.class, imports.resolve("bound", "apply").orElseThrow());
    assertEquals(
        FuncType.of(List.of(RefType.FUNCREF, ValType.I32), List.of(ValType.I32)), apply.type());
    assertEquals(
        FuncType.ofParams(ValType.I32, ValType.I32),
        ((Imports.RawHostFunc) imports.resolve("bound", "note").orElseThrow()).type());
    assertTrue(
        imports.resolve("bound", "sqrt64").isPresent(),
        "the annotation's name wins over the method's");
    assertTrue(imports.resolve("bound", "root").isEmpty());
  }

  @Test
  void recordsAndArraysReturnSeveralResults() {
    Instance i = bound(new Numbers(), new Others());
    Value[] swapped = func(i, "call_swap").call(Value.i32(-5), Value.i64(1L << 40));
    assertEquals(1L << 40, swapped[0].i64());
    assertEquals(-5, swapped[1].i32());
    Value[] mixed = func(i, "call_mix").call(Value.f32(0.5f), Value.f64(-2.75));
    assertEquals(-2.75, mixed[0].f64());
    assertEquals(0.5f, mixed[1].f32());
    Value[] tripled = func(i, "call_triple").call(Value.i32(7));
    assertArrayEquals(
        new int[] {7, 14, 21}, new int[] {tripled[0].i32(), tripled[1].i32(), tripled[2].i32()});
  }

  @Test
  void anArrayOfTheWrongLengthTraps() {
    Others others = new Others();
    others.tripleLength = 2;
    Instance i = bound(new Numbers(), others);
    TrapException e =
        assertThrows(TrapException.class, () -> func(i, "call_triple").call(Value.i32(1)));
    assertEquals(TrapKind.HOST, e.kind());
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertTrue(
        e.getCause().getMessage().contains("returned 2 results, declared 3"),
        e.getCause().getMessage());
  }

  @Test
  void externrefsKeepIdentityAndNull() {
    Others others = new Others();
    Instance i = bound(new Numbers(), others);
    assertEquals("boxed 12".length(), func(i, "round_trip").call(Value.i32(12))[0].i32());
    Object made = others.seen.get(0);
    assertInstanceOf(StringBuilder.class, made);
    Value ref = func(i, "call_wrap").call(Value.i32(3))[0];
    assertEquals("boxed 3", ref.externRef().orElseThrow().toString());
    Object mine = new StringBuilder("four");
    assertEquals(4, func(i, "call_unwrap").call(Value.externRef(mine))[0].i32());
    assertSame(mine, others.seen.get(1));
    assertEquals(-1, func(i, "round_trip").call(Value.i32(-1))[0].i32());
    assertNull(others.seen.get(2));
    assertTrue(func(i, "call_wrap").call(Value.i32(-1))[0].isNull());
  }

  @Test
  void funcrefParametersAreFuncs() {
    Instance i = bound(new Numbers(), new Others());
    assertEquals(42, func(i, "call_apply").call(Value.i32(21))[0].i32());
    assertEquals(-2, func(i, "call_apply_null").call(Value.i32(21))[0].i32());
  }

  @Test
  void aCallerParameterSeesTheCallingInstance() {
    Others others = new Others();
    Instance i = bound(new Numbers(), others);
    func(i, "call_note").call();
    assertEquals(List.of("bound!"), others.seen);
  }

  @Test
  void aCheckedExceptionBecomesAHostTrapWithItAsCause() {
    Instance i = bound(new Numbers(), new Others());
    TrapException e = assertThrows(TrapException.class, () -> func(i, "call_fail").call());
    assertEquals(TrapKind.HOST, e.kind());
    assertEquals("checked failure from the host", e.getCause().getMessage());
  }

  @Test
  void hostCallsInAWasmLoop() {
    Instance i = bound(new Numbers(), new Others());
    assertEquals(5050, func(i, "sum_loop").call(Value.i32(100))[0].i32());
  }

  @Test
  void lambdasBindWithTheirInterfaceSignature() {
    Imports imports =
        Imports.builder()
            .func("bound", "add", IntBinaryOperator.class, (a, b) -> a - b)
            .func("bound", "mul64", LongBinaryOperator.class, (a, b) -> a + b)
            .func("bound", "half32", FloatUnary.class, x -> x * 4)
            .func("bound", "sqrt64", DoubleUnaryOperator.class, x -> -x)
            .bind("bound", new Others())
            .build();
    Instance i = instantiate("bound", imports);
    assertEquals(-1, func(i, "call_add").call(Value.i32(3), Value.i32(4))[0].i32());
    assertEquals(7L, func(i, "call_mul64").call(Value.i64(3), Value.i64(4))[0].i64());
    assertEquals(10f, func(i, "call_half32").call(Value.f32(2.5f))[0].f32());
    assertEquals(-9.0, func(i, "call_sqrt64").call(Value.f64(9.0))[0].f64());
  }

  @Test
  void aLambdaOfAClosedPackagesInterfaceBindsWithTheCallersLookup() {
    // dev.wasmlayer.tck.views is neither exported nor opened: on the module path only this lookup
    // reaches it
    Imports imports =
        Imports.builder()
            .func("bound", "add", IntBinaryOperator.class, (a, b) -> a - b)
            .func("bound", "mul64", LongBinaryOperator.class, (a, b) -> a + b)
            .func("bound", "half32", FloatOp.class, x -> x * 8, MethodHandles.lookup())
            .func("bound", "sqrt64", DoubleUnaryOperator.class, x -> -x)
            .bind("bound", new Others())
            .build();
    Instance i = instantiate("bound", imports);
    assertEquals(20f, func(i, "call_half32").call(Value.f32(2.5f))[0].f32());
  }

  /** Static methods, bound through the class. */
  public static final class Statics {
    @WasmImport
    public static int add(int a, int b) {
      return a * b;
    }

    @WasmImport
    public static long mul64(long a, long b) {
      return a - b;
    }

    @WasmImport
    public static float half32(float x) {
      return -x;
    }

    @WasmImport
    public static double sqrt64(double x) {
      return x + 1;
    }
  }

  @Test
  void aClassBindsItsStaticMethods() {
    Instance i =
        instantiate(
            "bound",
            Imports.builder().bind("bound", Statics.class).bind("bound", new Others()).build());
    assertEquals(12, func(i, "call_add").call(Value.i32(3), Value.i32(4))[0].i32());
    assertEquals(-1L, func(i, "call_mul64").call(Value.i64(3), Value.i64(4))[0].i64());
    assertEquals(10.0, func(i, "call_sqrt64").call(Value.f64(9.0))[0].f64());
  }

  /** Private: reached only through the lookup its test passes. */
  private static final class Hidden {
    @WasmImport
    private int add(int a, int b) {
      return 100 + a + b;
    }

    @WasmImport
    private long mul64(long a, long b) {
      return 0;
    }

    @WasmImport
    private float half32(float x) {
      return 0;
    }

    @WasmImport
    private double sqrt64(double x) {
      return 0;
    }
  }

  @Test
  void privateMethodsBindWithTheCallersLookup() {
    Imports imports =
        Imports.builder()
            .bind("bound", new Hidden(), MethodHandles.lookup())
            .bind("bound", new Others())
            .build();
    assertEquals(
        107,
        func(instantiate("bound", imports), "call_add").call(Value.i32(3), Value.i32(4))[0].i32());
  }

  @Test
  void aMismatchWithTheModuleIsALinkErrorNamingTheImport() {
    Imports imports =
        Imports.builder()
            .func("bound", "add", LongBinaryOperator.class, (a, b) -> a + b)
            .func("bound", "mul64", LongBinaryOperator.class, (a, b) -> a + b)
            .func("bound", "half32", FloatUnary.class, x -> x)
            .func("bound", "sqrt64", DoubleUnaryOperator.class, x -> x)
            .bind("bound", new Others())
            .build();
    LinkException e = assertThrows(LinkException.class, () -> instantiate("bound", imports));
    assertTrue(e.getMessage().contains("bound") && e.getMessage().contains("add"), e.getMessage());
  }

  // Binding-time errors: each names the method and the problem.

  /** Unsupported types and shapes. */
  public static final class BadBoolean {
    @WasmImport
    public boolean flag(int x) {
      return x != 0;
    }
  }

  /** Caller in the wrong place. */
  public static final class BadCaller {
    @WasmImport
    public void late(int x, Caller<?> caller) {}
  }

  /** An array result without its count. */
  public static final class BadArray {
    @WasmImport
    public long[] pair(int x) {
      return new long[2];
    }
  }

  /** A count on a method that does not return an array. */
  public static final class BadCount {
    @WasmImport(results = 2)
    public int one(int x) {
      return x;
    }
  }

  /** A Value has no fixed wasm type. */
  public static final class BadValue {
    @WasmImport
    public void anything(Value v) {}
  }

  /** Two methods for one import name. */
  public static final class Twice {
    @WasmImport(name = "same")
    public void first() {}

    @WasmImport(name = "same")
    public void second() {}
  }

  /** Instance methods cannot be bound through the class. */
  public static final class InstanceOnly {
    @WasmImport
    public void run() {}
  }

  /** Nothing annotated. */
  public static final class Plain {
    public void run() {}
  }

  @Test
  void bindingErrorsNameTheMethodAndTheProblem() {
    assertBindError(new BadBoolean(), "BadBoolean.flag", "boolean");
    assertBindError(new BadCaller(), "BadCaller.late", "Caller parameter must come first");
    assertBindError(new BadArray(), "BadArray.pair", "declare how many results");
    assertBindError(new BadCount(), "BadCount.one", "result count is declared");
    assertBindError(new BadValue(), "BadValue.anything", "Value");
    assertBindError(new Twice(), "Twice", "two @WasmImport methods named 'same'");
    assertBindError(InstanceOnly.class, "InstanceOnly.run", "instance method");
    assertBindError(new Plain(), "Plain", "no @WasmImport methods");
    IllegalArgumentException notFunctional =
        assertThrows(
            IllegalArgumentException.class,
            () -> Imports.builder().func("m", "f", List.class, List.of()));
    assertTrue(
        notFunctional.getMessage().contains("not a functional interface"),
        notFunctional.getMessage());
  }

  private static void assertBindError(Object host, String method, String problem) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Imports.builder().bind("m", host));
    assertTrue(
        e.getMessage().contains(method) && e.getMessage().contains(problem),
        "expected '" + method + "' and '" + problem + "' in: " + e.getMessage());
  }
}
