package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.RawHostFunction;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fast crossings (typed views, raw calls, raw host functions) keep every bit: each number type
 * both ways, the sign of i32 and the bits of f32 in slots (i32 sign-extended, f32 zero-extended),
 * NaN payloads, calls back in from a host function, the right {@link dev.wasmlayer.Caller} for
 * nested host calls, and a host trap in the middle of a loop.
 */
@Timeout(60)
class CrossingsTest extends TckBase {
  private static final FuncType I32 = FuncType.of(ValType.I32, ValType.I32);
  private static final FuncType I64 = FuncType.of(ValType.I64, ValType.I64);
  private static final FuncType F32 = FuncType.of(ValType.F32, ValType.F32);
  private static final FuncType F64 = FuncType.of(ValType.F64, ValType.F64);
  private static final int[] INTS = {0, 1, -1, 42, -42, Integer.MIN_VALUE, Integer.MAX_VALUE};
  private static final long[] LONGS = {
    0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFF_FFFFL, -0x1_0000_0000L
  };

  /** f32 bits: negative numbers, -0, quiet NaNs with payloads of both signs, infinity. */
  private static final int[] F32_BITS = {
    0x3FC0_0000, 0xBFC0_0000, 0x8000_0000, 0x7FC0_0001, 0xFFC0_1234, 0xFF80_0000, 0x0000_0001
  };

  private static final long[] F64_BITS = {
    0x3FF8_0000_0000_0000L,
    0xBFF8_0000_0000_0000L,
    0x8000_0000_0000_0000L,
    0x7FF8_0000_0000_0001L,
    0xFFF8_0000_0000_1234L,
    0xFFF0_0000_0000_0000L
  };

  /**
   * Each host function records the slot it was given and hands it back unchanged (i32 adds nothing
   * either).
   */
  private final List<Long> seen = new ArrayList<>();

  private RawHostFunction<Object> echo() {
    return (c, s) -> seen.add(s[0]);
  }

  private Imports.Builder echoes() {
    return Imports.builder()
        .funcRaw("host", "i32", I32, echo())
        .funcRaw("host", "i64", I64, echo())
        .funcRaw("host", "f32", F32, echo())
        .funcRaw("host", "f64", F64, echo());
  }

  private Instance echoInstance() {
    return instantiate("crossings", echoes().funcRaw("host", "who", I32, echo()).build());
  }

  @Test
  void viewsCarryEveryNumberType() {
    Instance i = echoInstance();
    IntUnaryOperator i32 = func(i, "echo_i32").typed(IntUnaryOperator.class);
    LongUnaryOperator i64 = func(i, "echo_i64").typed(LongUnaryOperator.class);
    DoubleUnaryOperator f64 = func(i, "echo_f64").typed(DoubleUnaryOperator.class);
    IntBinaryOperator subI32 = func(i, "sub_i32").typed(IntBinaryOperator.class);
    LongBinaryOperator subI64 = func(i, "sub_i64").typed(LongBinaryOperator.class);
    DoubleBinaryOperator subF64 = func(i, "sub_f64").typed(DoubleBinaryOperator.class);
    for (int v : INTS) {
      assertEquals(v, i32.applyAsInt(v));
      assertEquals(v - 7, subI32.applyAsInt(v, 7), "argument order");
    }
    for (long v : LONGS) {
      assertEquals(v, i64.applyAsLong(v));
      assertEquals(v - 7, subI64.applyAsLong(v, 7), "argument order");
    }
    for (long bits : F64_BITS) {
      double d = Double.longBitsToDouble(bits);
      assertEquals(bits, Double.doubleToRawLongBits(f64.applyAsDouble(d)), Long.toHexString(bits));
    }
    assertEquals(-0.5, subF64.applyAsDouble(1.0, 1.5));
  }

  @Test
  void rawCallsSignExtendI32AndZeroExtendF32() {
    Instance i = echoInstance();
    long[] slots = new long[2];
    for (int v : INTS) {
      slots[0] = v;
      func(i, "echo_i32").callRaw(slots);
      assertEquals((long) v, slots[0], "i32 result sign-extended");
    }
    for (int bits : F32_BITS) {
      slots[0] = bits & 0xFFFF_FFFFL;
      func(i, "echo_f32").callRaw(slots);
      assertEquals(
          bits & 0xFFFF_FFFFL, slots[0], "f32 result zero-extended: " + Integer.toHexString(bits));
      slots[0] = bits; // sign-extended in: only the low 32 bits count
      func(i, "echo_f32").callRaw(slots);
      assertEquals(
          bits & 0xFFFF_FFFFL,
          slots[0],
          "f32 from sign-extended bits: " + Integer.toHexString(bits));
    }
    for (long bits : F64_BITS) {
      slots[0] = bits;
      func(i, "echo_f64").callRaw(slots);
      assertEquals(bits, slots[0], Long.toHexString(bits));
    }
    slots[0] = 10;
    slots[1] = 3;
    func(i, "sub_i64").callRaw(slots);
    assertEquals(7, slots[0]);
  }

  @Test
  void rawHostFunctionsSeeAndReturnEveryNumberType() {
    Instance i = echoInstance();
    long[] slots = new long[1];
    for (int v : INTS) {
      seen.clear();
      assertEquals(v, func(i, "via_i32").typed(IntUnaryOperator.class).applyAsInt(v));
      assertEquals(List.of((long) v), seen, "an i32 argument is sign-extended");
    }
    for (long v : LONGS) {
      seen.clear();
      assertEquals(v, func(i, "via_i64").typed(LongUnaryOperator.class).applyAsLong(v));
      assertEquals(List.of(v), seen);
    }
    for (int bits : F32_BITS) {
      seen.clear();
      slots[0] = bits & 0xFFFF_FFFFL;
      func(i, "bits_via_f32").callRaw(slots);
      assertEquals(
          bits & 0xFFFF_FFFFL,
          slots[0] & 0xFFFF_FFFFL,
          "f32 bits back: " + Integer.toHexString(bits));
      assertEquals(
          List.of(bits & 0xFFFF_FFFFL),
          seen,
          "an f32 argument is zero-extended: " + Integer.toHexString(bits));
      seen.clear();
      slots[0] = bits & 0xFFFF_FFFFL;
      func(i, "via_f32").callRaw(slots);
      assertEquals(
          bits & 0xFFFF_FFFFL, slots[0], "f32 through the host, raw: " + Integer.toHexString(bits));
    }
    for (long bits : F64_BITS) {
      seen.clear();
      assertEquals(bits, func(i, "bits_via_f64").typed(LongUnaryOperator.class).applyAsLong(bits));
      assertEquals(List.of(bits), seen, Long.toHexString(bits));
      assertEquals(
          bits,
          Double.doubleToRawLongBits(
              func(i, "via_f64")
                  .typed(DoubleUnaryOperator.class)
                  .applyAsDouble(Double.longBitsToDouble(bits))),
          Long.toHexString(bits));
    }
  }

  @Test
  void hostResultsOfEveryTypeReachWasm() {
    Instance i =
        instantiate(
            "crossings",
            Imports.builder()
                .funcRaw("host", "i32", I32, (c, s) -> s[0] = -(int) s[0])
                .funcRaw("host", "i64", I64, (c, s) -> s[0] = ~s[0])
                .funcRaw(
                    "host",
                    "f32",
                    F32,
                    (c, s) -> s[0] = 0xFFC0_0001L) // a negative NaN, zero-extended
                .funcRaw("host", "f64", F64, (c, s) -> s[0] = 0xFFF8_0000_0000_0002L)
                .funcRaw("host", "who", I32, echo())
                .build());
    assertEquals(5, func(i, "via_i32").typed(IntUnaryOperator.class).applyAsInt(-5));
    assertEquals(
        Integer.MIN_VALUE,
        func(i, "via_i32").typed(IntUnaryOperator.class).applyAsInt(Integer.MIN_VALUE));
    assertEquals(~1234L, func(i, "via_i64").typed(LongUnaryOperator.class).applyAsLong(1234));
    long[] slots = {0};
    func(i, "bits_via_f32").callRaw(slots);
    assertEquals(0xFFC0_0001, (int) slots[0]);
    assertEquals((long) 0xFFC0_0001, slots[0], "an i32 result is sign-extended");
    assertEquals(
        0xFFF8_0000_0000_0002L,
        func(i, "bits_via_f64").typed(LongUnaryOperator.class).applyAsLong(0));
  }

  @Test
  void hostFunctionsCallBackIn() {
    AtomicReference<Instance> self = new AtomicReference<>();
    Instance i =
        instantiate(
            "crossings",
            echoes()
                .funcRaw(
                    "host",
                    "who",
                    I32,
                    (c, s) -> {
                      int n = (int) s[0];
                      if (n > 0) { // back in through a view and a raw call of the function that is
                        // running, and another one
                        IntUnaryOperator who =
                            self.get().func("who").orElseThrow().typed(IntUnaryOperator.class);
                        long[] raw = {n - 1};
                        self.get().func("who").orElseThrow().callRaw(raw);
                        IntBinaryOperator sub =
                            self.get().func("sub_i32").orElseThrow().typed(IntBinaryOperator.class);
                        s[0] = sub.applyAsInt(who.applyAsInt(n - 1) + (int) raw[0], -n);
                      } else {
                        s[0] = 0;
                      }
                    })
                .build());
    self.set(i);
    // f(n) = 2 f(n - 1) + n, f(0) = 0
    assertEquals(26, func(i, "who").typed(IntUnaryOperator.class).applyAsInt(4));
    assertEquals(11, func(i, "who").typed(IntUnaryOperator.class).applyAsInt(3));
  }

  /**
   * Two instances call each other through the host: every host call must see its own calling
   * instance, before and after the nested calls it made (the {@code id} global tells them apart).
   */
  @Test
  void nestedHostCallsSeeTheirOwnCaller() {
    AtomicReference<Instance> first = new AtomicReference<>();
    AtomicReference<Instance> second = new AtomicReference<>();
    List<String> wrong = new ArrayList<>();
    Imports imports =
        echoes()
            .funcRaw(
                "host",
                "who",
                I32,
                (c, s) -> {
                  int n = (int) s[0];
                  int id = c.global("id").orElseThrow().get().i32();
                  int inner = 0;
                  if (n > 0) {
                    Instance other = id == 1 ? second.get() : first.get();
                    inner =
                        other
                            .func("who")
                            .orElseThrow()
                            .typed(IntUnaryOperator.class)
                            .applyAsInt(n - 1);
                  }
                  int after = c.global("id").orElseThrow().get().i32();
                  if (after != id) {
                    wrong.add("depth " + n + ": caller was instance " + id + ", then " + after);
                  }
                  s[0] = inner * 10 + id;
                })
            .build();
    first.set(instantiate("crossings", imports));
    second.set(instantiate("crossings", imports));
    func(first.get(), "set_id").callRaw(new long[] {1});
    func(second.get(), "set_id").callRaw(new long[] {2});
    assertEquals(2121, func(first.get(), "who").typed(IntUnaryOperator.class).applyAsInt(3));
    assertEquals(12, func(second.get(), "who").typed(IntUnaryOperator.class).applyAsInt(1));
    assertEquals(List.of(), wrong);
  }

  /**
   * A raw host function throws on its k-th call from a wasm loop: a host trap, and the store stays
   * usable.
   */
  @Test
  void hostTrapMidLoop() {
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger failAt = new AtomicInteger(37);
    IllegalStateException boom = new IllegalStateException("boom");
    Instance i =
        instantiate(
            "crossings",
            Imports.builder()
                .funcRaw(
                    "host",
                    "i32",
                    I32,
                    (c, s) -> {
                      if (calls.incrementAndGet() == failAt.get()) {
                        throw boom;
                      }
                    })
                .funcRaw("host", "i64", I64, echo())
                .funcRaw("host", "f32", F32, echo())
                .funcRaw("host", "f64", F64, echo())
                .funcRaw("host", "who", I32, echo())
                .build());
    IntUnaryOperator loop = func(i, "loop_i32").typed(IntUnaryOperator.class);
    TrapException t = assertThrows(TrapException.class, () -> loop.applyAsInt(100));
    assertEquals(TrapKind.HOST, t.kind());
    assertSame(boom, t.getCause());
    assertEquals(37, calls.get(), "the loop stopped at the failing call");
    long[] slots = {100};
    calls.set(0);
    failAt.set(50);
    TrapException raw = assertThrows(TrapException.class, () -> func(i, "loop_i32").callRaw(slots));
    assertInstanceOf(IllegalStateException.class, raw.getCause());
    failAt.set(-1);
    assertEquals(5050, loop.applyAsInt(100), "the store works after the traps");
    assertEquals(5050, loop.applyAsInt(100));
  }
}
