package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Caller;
import dev.wasmlayer.Feature;
import dev.wasmlayer.HostFunction;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Store;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Java functions called from wasm: every number type, multi-value, Caller access, exceptions and
 * re-entry.
 */
class HostFunctionsTest extends TckBase {
  private static final FuncType I32_I32 = FuncType.of(ValType.I32, ValType.I32);
  private static final FuncType I64_I64 = FuncType.of(ValType.I64, ValType.I64);
  private static final FuncType F32_F32 = FuncType.of(ValType.F32, ValType.F32);
  private static final FuncType F64_F64 = FuncType.of(ValType.F64, ValType.F64);
  private static final FuncType PAIR =
      FuncType.of(List.of(ValType.I32, ValType.I64), List.of(ValType.I64, ValType.I32));
  private static final FuncType LOG = FuncType.ofParams(ValType.I32, ValType.I32);
  private static final FuncType VOID = FuncType.ofParams();

  /** Every import of host.wat, each returning its argument (pair swaps). */
  static Imports.Builder echoImports() {
    return Imports.builder()
        .func("host", "i32", I32_I32, (c, a) -> new Value[] {a[0]})
        .func("host", "i64", I64_I64, (c, a) -> new Value[] {a[0]})
        .func("host", "f32", F32_F32, (c, a) -> new Value[] {a[0]})
        .func("host", "f64", F64_F64, (c, a) -> new Value[] {a[0]})
        .func("host", "pair", PAIR, (c, a) -> new Value[] {a[1], a[0]})
        .func("host", "log", LOG, (c, a) -> Value.NONE)
        .func("host", "fail", VOID, (c, a) -> Value.NONE);
  }

  /** host.wat's imports with one of them replaced. */
  private static Imports with(String name, FuncType type, HostFunction<?> fn) {
    Imports.Builder b = Imports.builder();
    for (String n : List.of("i32", "i64", "f32", "f64", "pair", "log", "fail")) {
      if (!n.equals(name)) {
        echoImports()
            .build()
            .resolve("host", n)
            .map(Imports.HostFunc.class::cast)
            .ifPresent(h -> b.func("host", n, h.type(), h.function()));
      }
    }
    return b.func("host", name, type, fn).build();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 21, -1, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void i32HostFunction(int v) {
    List<Integer> seen = new ArrayList<>();
    Instance i =
        instantiate(
            "host",
            with(
                "i32",
                I32_I32,
                (c, a) -> {
                  seen.add(a[0].i32());
                  return new Value[] {Value.i32(a[0].i32() * 2)};
                }));
    assertEquals(v * 2, func(i, "call_i32").call(Value.i32(v))[0].i32());
    assertEquals(List.of(v), seen);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFF_FFFFL})
  void i64HostFunction(long v) {
    Instance i =
        instantiate("host", with("i64", I64_I64, (c, a) -> new Value[] {Value.i64(~a[0].i64())}));
    assertEquals(~v, func(i, "call_i64").call(Value.i64(v))[0].i64());
  }

  @ParameterizedTest
  @ValueSource(ints = {0x7FA0_0001, 0xFFC1_2345, 0x8000_0000, 0x3F80_0000})
  void f32HostFunctionKeepsBits(int bits) {
    Instance i = instantiate("host", echoImports().build());
    assertEquals(bits, func(i, "call_f32").call(Value.f32Bits(bits))[0].f32Bits());
  }

  @ParameterizedTest
  @ValueSource(longs = {0x7FF4_0000_0000_0001L, 0xFFF8_DEAD_BEEF_0001L, 0x8000_0000_0000_0000L})
  void f64HostFunctionKeepsBits(long bits) {
    Instance i = instantiate("host", echoImports().build());
    assertEquals(bits, func(i, "call_f64").call(Value.f64Bits(bits))[0].f64Bits());
  }

  @Test
  void multiValueBothWays() {
    Instance i = instantiate("host", echoImports().build());
    assertArrayEquals(
        new Value[] {Value.i64(-5), Value.i32(9)},
        func(i, "call_pair").call(Value.i32(9), Value.i64(-5)));
  }

  @Test
  void callerReadsTheCallingInstancesMemory() {
    AtomicReference<String> logged = new AtomicReference<>();
    Instance i =
        instantiate(
            "host",
            with(
                "log",
                LOG,
                (c, a) -> {
                  Memory m = c.memory("memory").orElseThrow();
                  logged.set(m.readString(a[0].i32(), a[1].i32()));
                  return Value.NONE;
                }));
    func(i, "call_log").call();
    assertEquals("Hello, host!", logged.get());
  }

  @Test
  void callerSeesStoreDataAndExports() {
    Store<List<String>> s = engine.newStore(new ArrayList<>());
    try {
      Instance i =
          s.instantiate(
              module("host"),
              with(
                  "log",
                  LOG,
                  (Caller<List<String>> c, Value[] a) -> {
                    List<String> data = c.data();
                    data.add("count=" + c.global("count").orElseThrow().get().i32());
                    assertSame(s, c.store());
                    assertTrue(c.func("bump").isPresent());
                    assertTrue(c.export("nope").isEmpty());
                    return Value.NONE;
                  }));
      func(i, "bump").call();
      func(i, "call_log").call();
      assertEquals(List.of("count=1"), s.data());
    } finally {
      s.close();
    }
  }

  @Test
  void hostExceptionBecomesATrapWithTheOriginalCause() {
    IllegalStateException boom = new IllegalStateException("boom");
    Instance i =
        instantiate(
            "host",
            with(
                "fail",
                VOID,
                (c, a) -> {
                  throw boom;
                }));
    TrapException t = assertThrows(TrapException.class, () -> func(i, "call_fail").call());
    assertEquals(TrapKind.HOST, t.kind());
    assertSame(boom, t.getCause());
    assertTrue(t.getMessage().contains("host.fail"), t.getMessage());
    assertEquals(7, func(i, "call_i32").call(Value.i32(7))[0].i32(), "the instance stays usable");
  }

  @Test
  void errorsInHostFunctionsLeaveTheEngineUsable() {
    for (Error error :
        new Error[] {new StackOverflowError("deep host"), new OutOfMemoryError("host ran out")}) {
      Instance i =
          instantiate(
              "host",
              with(
                  "fail",
                  VOID,
                  (c, a) -> {
                    throw error;
                  }));
      TrapException t = assertThrows(TrapException.class, () -> func(i, "call_fail").call());
      assertEquals(TrapKind.HOST, t.kind());
      assertSame(error, t.getCause());
      assertEquals(9, func(i, "call_i32").call(Value.i32(9))[0].i32(), "usable after " + error);
    }
  }

  @Test
  void wrongHostResultsAreReportedAsHostTraps() {
    Instance i = instantiate("host", with("i32", I32_I32, (c, a) -> new Value[] {Value.i64(1)}));
    TrapException t =
        assertThrows(TrapException.class, () -> func(i, "call_i32").call(Value.i32(1)));
    assertEquals(TrapKind.HOST, t.kind());
    assertInstanceOf(IllegalArgumentException.class, t.getCause());
  }

  @Test
  void rawHostFunctions() {
    AtomicInteger calls = new AtomicInteger();
    Imports.Builder b = Imports.builder();
    echoImports()
        .build()
        .definitions()
        .get("host")
        .forEach(
            (n, binding) -> {
              if (!n.equals("i32")) {
                Imports.HostFunc h = (Imports.HostFunc) binding;
                b.func("host", n, h.type(), h.function());
              }
            });
    b.funcRaw(
        "host",
        "i32",
        I32_I32,
        (c, slots) -> {
          calls.incrementAndGet();
          slots[0] = (int) slots[0] * 3;
        });
    Instance i = instantiate("host", b.build());
    assertEquals(3 * (10 * 11 / 2), func(i, "loop_i32").call(Value.i32(10))[0].i32());
    assertEquals(10, calls.get());
  }

  @Test
  void hostFunctionsMayCallBackIntoWasm() {
    Instance i =
        instantiate(
            "host",
            with(
                "i32",
                I32_I32,
                (c, a) ->
                    new Value[] {
                      Value.i32(a[0].i32() + c.func("bump").orElseThrow().call()[0].i32())
                    }));
    assertEquals(101, func(i, "call_i32").call(Value.i32(100))[0].i32());
    assertEquals(202, func(i, "call_i32").call(Value.i32(200))[0].i32());
  }

  @Test
  @RequiresFeature(Feature.START_CALLER)
  void startSectionCallsTheHostWithACaller() {
    AtomicReference<String> seen = new AtomicReference<>();
    Imports imports =
        Imports.builder()
            .func(
                "env",
                "started",
                LOG,
                (c, a) -> {
                  seen.set(c.memory("memory").orElseThrow().readString(a[0].i32(), a[1].i32()));
                  return Value.NONE;
                })
            .build();
    instantiate("start_host", imports);
    assertEquals("started", seen.get());
  }

  @Test
  void startSectionHostCallsSeeTheStoreOnEveryEngine() {
    AtomicReference<Object> seen = new AtomicReference<>();
    try (Store<String> s = engine.newStore("data")) {
      Imports imports =
          Imports.builder()
              .func(
                  "env",
                  "started",
                  LOG,
                  (c, a) -> {
                    seen.set(c.data());
                    return Value.NONE;
                  })
              .build();
      s.instantiate(module("start_host"), imports);
    }
    assertEquals("data", seen.get());
  }

  @Test
  void oneImportsObjectServesManyStores() {
    AtomicInteger calls = new AtomicInteger();
    Imports imports =
        with(
            "i32",
            I32_I32,
            (c, a) -> {
              calls.incrementAndGet();
              return new Value[] {a[0]};
            });
    for (int n = 0; n < 3; n++) {
      try (Store<Void> s = engine.newStore(null)) {
        assertEquals(
            n,
            func(s.instantiate(module("host"), imports), "call_i32").call(Value.i32(n))[0].i32());
      }
    }
    assertEquals(3, calls.get());
  }
}
