package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Caller;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Func;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ValType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Numbers-only host functions go through {@code wasmtime_func_new_unchecked}'s raw slots: every
 * kind (and v128) must arrive and leave bit for bit, in slot order, with arguments and results
 * sharing the buffer; failures stay traps.
 */
@Timeout(60)
class UncheckedHostFunctionsTest {
  /**
   * {@code swap} receives every kind and returns them reversed; {@code nested} re-enters wasm from
   * the host.
   */
  private static final String WAT =
      """
      (module
        (import "h" "swap" (func $swap (param i32 i64 f32 f64 v128) (result v128 f64 f32 i64 i32)))
        (import "h" "nested" (func $nested (param i32) (result i32)))
        (memory (export "memory") 1)
        (global $calls (export "calls") (mut i32) (i32.const 0))
        (func (export "call_swap") (param i32 i64 f32 f64 v128) (result v128 f64 f32 i64 i32)
          (call $swap (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)))
        (func (export "call_nested") (param i32) (result i32)
          (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
          (call $nested (local.get 0))))
      """;

  private static final FuncType SWAP =
      FuncType.of(
          List.of(ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128),
          List.of(ValType.V128, ValType.F64, ValType.F32, ValType.I64, ValType.I32));
  private static final FuncType I32_I32 = FuncType.of(ValType.I32, ValType.I32);

  /**
   * Bit patterns a conversion through float or double would change (signalling NaNs with payloads).
   */
  private static final Value[] ARGS = {
    Value.i32(-7),
    Value.i64(0x8000_0000_0000_0001L),
    Value.f32Bits(0x7FA0_0001),
    Value.f64Bits(0x7FF4_0000_0000_0001L),
    Value.v128(0x0123_4567_89AB_CDEFL, 0xFEDC_BA98_7654_3210L)
  };

  private static Engine engine;
  private static Module module;

  @BeforeAll
  static void compile() {
    engine = Engines.create(WasmtimeEngineProvider.ID, EngineConfig.defaults());
    module = engine.compile(WAT.getBytes(StandardCharsets.UTF_8));
  }

  @AfterAll
  static void close() {
    module.close();
    engine.close();
  }

  private static Value[] reversed(Value[] a) {
    return new Value[] {a[4], a[3], a[2], a[1], a[0]};
  }

  @Test
  void onlyNumbersAndV128TakeTheUncheckedEntry() {
    assertTrue(UncheckedHostFunctions.fits(SWAP));
    assertTrue(UncheckedHostFunctions.fits(FuncType.of(List.of(), List.of())));
    assertFalse(UncheckedHostFunctions.fits(FuncType.of(ValType.I32, ValType.EXTERNREF)));
    assertFalse(UncheckedHostFunctions.fits(FuncType.of(ValType.FUNCREF, ValType.I32)));
  }

  @Test
  void everyKindCrossesBitForBitThroughValueHostFunctions() {
    Imports imports =
        Imports.builder()
            .func("h", "swap", SWAP, (c, a) -> reversed(a))
            .func("h", "nested", I32_I32, (c, a) -> new Value[] {a[0]})
            .build();
    try (Store<Void> s = engine.newStore(null)) {
      Instance i = s.instantiate(module, imports);
      assertArrayEquals(reversed(ARGS), i.func("call_swap").orElseThrow().call(ARGS));
    }
  }

  @Test
  void everyKindCrossesBitForBitThroughRawHostFunctions() {
    Imports imports =
        Imports.builder()
            .funcRaw(
                "h",
                "swap",
                SWAP,
                (c, v) -> {
                  // in: i32, i64, f32, f64, v128 (2 slots); out: v128 (2 slots), f64, f32, i64, i32
                  long[] in = v.clone();
                  v[0] = in[4];
                  v[1] = in[5];
                  v[2] = in[3];
                  v[3] = in[2];
                  v[4] = in[1];
                  v[5] = in[0];
                })
            .func("h", "nested", I32_I32, (c, a) -> new Value[] {a[0]})
            .build();
    try (Store<Void> s = engine.newStore(null)) {
      Instance i = s.instantiate(module, imports);
      assertArrayEquals(reversed(ARGS), i.func("call_swap").orElseThrow().call(ARGS));
    }
  }

  @Test
  void nestedRawCallsKeepTheirOwnSlots() {
    AtomicInteger depth = new AtomicInteger();
    Imports imports =
        Imports.builder()
            .func("h", "swap", SWAP, (c, a) -> reversed(a))
            .funcRaw(
                "h",
                "nested",
                I32_I32,
                (c, v) -> {
                  int n = (int) v[0];
                  depth.incrementAndGet();
                  if (n > 0) {
                    Func again = c.func("call_nested").orElseThrow();
                    int inner = again.call(Value.i32(n - 1))[0].i32();
                    v[0] = n + inner; // v must still be this call's slots after the inner call
                    // reused the shared array
                  } else {
                    v[0] = 0;
                  }
                })
            .build();
    try (Store<Void> s = engine.newStore(null)) {
      Instance i = s.instantiate(module, imports);
      assertEquals(
          10 + 9 + 8 + 7 + 6 + 5 + 4 + 3 + 2 + 1,
          i.func("call_nested").orElseThrow().call(Value.i32(10))[0].i32());
      assertEquals(11, depth.get());
      assertEquals(11, i.global("calls").orElseThrow().get().i32());
    }
  }

  @Test
  void exceptionsAndErrorsAreHostTrapsWithTheirCause() {
    for (Throwable thrown :
        new Throwable[] {new IllegalStateException("boom"), new StackOverflowError()}) {
      Imports imports =
          Imports.builder()
              .func("h", "swap", SWAP, (c, a) -> reversed(a))
              .func(
                  "h",
                  "nested",
                  I32_I32,
                  (c, a) -> {
                    if (thrown instanceof Error e) {
                      throw e;
                    }
                    throw (RuntimeException) thrown;
                  })
              .build();
      try (Store<Void> s = engine.newStore(null)) {
        Instance i = s.instantiate(module, imports);
        TrapException t =
            assertThrows(
                TrapException.class, () -> i.func("call_nested").orElseThrow().call(Value.i32(1)));
        assertEquals(TrapKind.HOST, t.kind());
        assertSame(thrown, t.getCause());
        assertArrayEquals(reversed(ARGS), i.func("call_swap").orElseThrow().call(ARGS));
      }
    }
  }

  @Test
  void aWrongResultKindIsAHostTrap() {
    Imports imports =
        Imports.builder()
            .func("h", "swap", SWAP, (c, a) -> a) // not reversed: an i32 where a v128 belongs
            .func("h", "nested", I32_I32, (c, a) -> new Value[] {a[0]})
            .build();
    try (Store<Void> s = engine.newStore(null)) {
      Instance i = s.instantiate(module, imports);
      TrapException t =
          assertThrows(TrapException.class, () -> i.func("call_swap").orElseThrow().call(ARGS));
      assertEquals(TrapKind.HOST, t.kind());
      assertTrue(t.getCause() instanceof IllegalArgumentException, String.valueOf(t.getCause()));
    }
  }

  @Test
  void theCallerSeesDataAndExportsOnlyDuringTheCall() {
    Caller<?>[] kept = new Caller<?>[1];
    Imports imports =
        Imports.builder()
            .func("h", "swap", SWAP, (c, a) -> reversed(a))
            .funcRaw(
                "h",
                "nested",
                I32_I32,
                (Caller<String> c, long[] v) -> {
                  kept[0] = c;
                  v[0] = c.data().length() + c.memory("memory").orElseThrow().pages();
                })
            .build();
    try (Store<String> s = engine.newStore("four")) {
      Instance i = s.instantiate(module, imports);
      assertEquals(5, i.func("call_nested").orElseThrow().call(Value.i32(0))[0].i32());
      assertThrows(IllegalStateException.class, () -> kept[0].export("memory"));
    }
  }

  @Test
  void closingTheStoreFreesItsUncheckedEntries() {
    Imports imports =
        Imports.builder()
            .funcRaw("h", "swap", SWAP, (c, v) -> {})
            .func("h", "nested", I32_I32, (c, a) -> new Value[] {a[0]})
            .build();
    // Other tests' forgotten stores may be cleaned meanwhile, which only lowers the count: 400
    // leaked entries show.
    int before = HostCallbacks.liveFunctions();
    for (int n = 0; n < 200; n++) {
      try (Store<Void> s = engine.newStore(null)) {
        s.instantiate(module, imports);
      }
    }
    int grown = HostCallbacks.liveFunctions() - before;
    assertTrue(grown < 200, "closed stores keep " + grown + " host function entries");
  }
}
