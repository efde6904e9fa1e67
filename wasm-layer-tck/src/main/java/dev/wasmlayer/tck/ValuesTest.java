package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasmlayer.Feature;
import dev.wasmlayer.Func;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.TckBase;
import java.util.function.IntUnaryOperator;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numbers cross the boundary bit for bit: integer extremes, signs, and NaN payloads, on every call
 * path.
 */
class ValuesTest extends TckBase {
  private Instance numbers() {
    return instantiate("numbers");
  }

  @ParameterizedTest
  @ValueSource(
      ints = {0, 1, -1, 42, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x8000_0001, 0x7FFF_FFFE})
  void i32RoundTripsOnEveryPath(int v) {
    Func id = func(numbers(), "i32_id");
    assertEquals(Value.i32(v), id.call(Value.i32(v))[0]);
    long[] slots = {v};
    id.callRaw(slots);
    assertEquals(v, (int) slots[0]);
    assertEquals(v, id.typed(IntUnaryOperator.class).applyAsInt(v));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, Integer.MIN_VALUE, -42})
  void negativeI32sAreNegativeInsideWasm(int v) {
    assertEquals(1, func(numbers(), "i32_is_negative").call(Value.i32(v))[0].i32());
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MAX_VALUE, -1, 0})
  void addOneWrapsLikeWasm(int v) {
    assertEquals(v + 1, func(numbers(), "add_one").call(Value.i32(v))[0].i32());
  }

  @ParameterizedTest
  @ValueSource(
      longs = {
        0,
        1,
        -1,
        Long.MAX_VALUE,
        Long.MIN_VALUE,
        0x1_0000_0000L,
        0xFFFF_FFFFL,
        -0x1_0000_0001L
      })
  void i64RoundTripsOnEveryPath(long v) {
    Func id = func(numbers(), "i64_id");
    assertEquals(Value.i64(v), id.call(Value.i64(v))[0]);
    long[] slots = {v};
    id.callRaw(slots);
    assertEquals(v, slots[0]);
    assertEquals(v, id.typed(LongUnaryOperator.class).applyAsLong(v));
  }

  @ParameterizedTest
  @ValueSource(longs = {0x1234_5678_9ABC_DEF0L, Long.MIN_VALUE, -1L})
  void i64HighWordIsSeenByWasm(long v) {
    assertEquals((int) (v >>> 32), func(numbers(), "i64_high_word").call(Value.i64(v))[0].i32());
  }

  /** Quiet and signalling NaNs with payloads, both signs; zeros; infinities; ordinary values. */
  @ParameterizedTest
  @ValueSource(
      ints = {
        0x7FC0_0000,
        0x7FA0_0001,
        0xFFC1_2345,
        0x7F80_0001,
        0x8000_0000,
        0x0000_0000,
        0x7F80_0000,
        0xFF80_0000,
        0x3FC0_0000,
        0x0000_0001
      })
  void f32BitsSurviveEveryPath(int bits) {
    Instance i = numbers();
    assertEquals(bits, func(i, "f32_id").call(Value.f32Bits(bits))[0].f32Bits());
    assertEquals(bits, func(i, "f32_to_bits").call(Value.f32Bits(bits))[0].i32());
    assertEquals(bits, func(i, "bits_to_f32").call(Value.i32(bits))[0].f32Bits());
    long[] slots = {bits & 0xFFFF_FFFFL};
    func(i, "f32_id").callRaw(slots);
    assertEquals(bits, (int) slots[0]);
  }

  @ParameterizedTest
  @ValueSource(
      longs = {
        0x7FF8_0000_0000_0000L,
        0x7FF4_0000_0000_0001L,
        0xFFF8_DEAD_BEEF_0001L,
        0x7FF0_0000_0000_0001L,
        0x8000_0000_0000_0000L,
        0L,
        0x7FF0_0000_0000_0000L,
        0x3FF8_0000_0000_0000L
      })
  void f64BitsSurviveEveryPath(long bits) {
    Instance i = numbers();
    assertEquals(bits, func(i, "f64_id").call(Value.f64Bits(bits))[0].f64Bits());
    assertEquals(bits, func(i, "f64_to_bits").call(Value.f64Bits(bits))[0].i64());
    assertEquals(bits, func(i, "bits_to_f64").call(Value.i64(bits))[0].f64Bits());
    long[] slots = {bits};
    func(i, "f64_id").callRaw(slots);
    assertEquals(bits, slots[0]);
  }

  @Test
  void floatArithmeticIsIeee() {
    Instance i = numbers();
    assertEquals(0.75f, func(i, "f32_add").call(Value.f32(0.5f), Value.f32(0.25f))[0].f32());
    assertEquals(-0.0, func(i, "f64_mul").call(Value.f64(-1.0), Value.f64(0.0))[0].f64());
    assertEquals(
        Double.doubleToRawLongBits(-0.0),
        func(i, "f64_mul").call(Value.f64(-1.0), Value.f64(0.0))[0].f64Bits());
  }

  @Test
  void i64ArithmeticWraps() {
    assertEquals(
        Long.MIN_VALUE,
        func(numbers(), "i64_add").call(Value.i64(Long.MAX_VALUE), Value.i64(1))[0].i64());
  }

  @Test
  @RequiresFeature(Feature.SIMD)
  void v128RoundTrips() {
    Instance i = instantiate("v128");
    Value v = Value.v128(0x0123_4567_89AB_CDEFL, 0xFEDC_BA98_7654_3210L);
    assertEquals(v, func(i, "v128_id").call(v)[0]);
    Value one = Value.v128(0x0000_0001_0000_0001L, 0x0000_0001_0000_0001L);
    assertEquals(
        Value.v128(0x0000_0002_0000_0002L, 0x0000_0002_0000_0002L),
        func(i, "v128_add_i32x4").call(one, one)[0]);
    long[] slots = {v.v128Low(), v.v128High(), 0, 0};
    func(i, "v128_id").callRaw(slots);
    assertArrayEquals(new long[] {v.v128Low(), v.v128High()}, new long[] {slots[0], slots[1]});
  }
}
