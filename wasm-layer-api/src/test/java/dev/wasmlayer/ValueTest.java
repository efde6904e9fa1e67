package dev.wasmlayer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.ValType;
import org.junit.jupiter.api.Test;

/** Values keep raw bits, check their type on access, and convert to and from raw slots. */
class ValueTest {
  @Test
  void nanPayloadsAndSignedZerosSurvive() {
    assertEquals(0x7FA0_0001, Value.f32Bits(0x7FA0_0001).f32Bits());
    assertEquals(0xFFF4_0000_0000_0001L, Value.f64Bits(0xFFF4_0000_0000_0001L).f64Bits());
    assertNotEquals(Value.f64(0.0), Value.f64(-0.0));
    assertEquals(Value.f32Bits(0x7FC0_0001), Value.f32Bits(0x7FC0_0001));
  }

  @Test
  void accessorsCheckTheType() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Value.i32(1).i64());
    assertEquals("expected i64, got i32", e.getMessage());
    assertThrows(IllegalStateException.class, () -> Value.i64(1).isNull());
    assertThrows(IllegalStateException.class, () -> Value.externRef("x").funcRef());
  }

  @Test
  void slotsRoundTrip() {
    long[] slots = new long[5];
    int at = Value.i32(-1).toSlots(slots, 0);
    at = Value.f32Bits(0x8000_0000).toSlots(slots, at);
    at = Value.v128(1, 2).toSlots(slots, at);
    assertEquals(4, at);
    assertEquals(-1, (int) slots[0]);
    assertEquals(0x8000_0000L, slots[1], "f32 bits are zero-extended");
    assertEquals(Value.i32(-1), Value.fromSlots(ValType.I32, slots, 0));
    assertEquals(Value.v128(1, 2), Value.fromSlots(ValType.V128, slots, 2));
    assertThrows(
        IllegalArgumentException.class, () -> Value.nullRef(RefType.FUNCREF).toSlots(slots, 0));
  }

  @Test
  void aReferenceToAnObjectOfTheWrongKindIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Value.ref(RefType.FUNCREF, "not a func"));
    assertThrows(IllegalArgumentException.class, () -> Value.ref(RefType.EXNREF, new Object()));
    assertThrows(NullPointerException.class, () -> Value.ref(RefType.ANYREF, null));
    assertEquals("ok", Value.ref(RefType.ANYREF, "ok").anyRef().orElseThrow());
  }

  @Test
  void referencesKeepIdentity() {
    Object o = new Object();
    assertSame(o, Value.externRef(o).externRef().orElseThrow());
    assertTrue(Value.nullRef(RefType.EXTERNREF).isNull());
    assertTrue(Value.nullRef(RefType.FUNCREF).funcRef().isEmpty());
    assertNotEquals(Value.externRef(new String("a")), Value.externRef(new String("a")));
  }

  @Test
  void v128Bytes() {
    byte[] b = new byte[16];
    for (int i = 0; i < 16; i++) {
      b[i] = (byte) i;
    }
    Value v = Value.v128(b);
    assertEquals(0x0706_0504_0302_0100L, v.v128Low());
    assertArrayEquals(b, v.v128Bytes());
    assertThrows(IllegalArgumentException.class, () -> Value.v128(new byte[3]));
  }
}
