package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Global;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.ValType;
import org.junit.jupiter.api.Test;

/** Exported and imported globals: reading, writing, mutability and type checks. */
class GlobalsTest extends TckBase {
  private Global counter;
  private Global scale;

  private Instance load() {
    counter = store.newGlobal(GlobalType.mutable(ValType.I32), Value.i32(5));
    scale = store.newGlobal(GlobalType.constant(ValType.F64), Value.f64(2.0));
    return instantiate(
        "globals",
        Imports.builder().global("env", "counter", counter).global("env", "scale", scale).build());
  }

  @Test
  void exportedConstants() {
    Instance i = load();
    Global answer = i.global("answer").orElseThrow();
    assertEquals(GlobalType.constant(ValType.I32), answer.type());
    assertEquals(Value.i32(42), answer.get());
    assertEquals(Value.f32(3.25f), i.global("pi32").orElseThrow().get());
  }

  @Test
  void immutableGlobalsRefuseSet() {
    Global answer = load().global("answer").orElseThrow();
    assertThrows(UnsupportedOperationException.class, () -> answer.set(Value.i32(1)));
    assertEquals(42, answer.get().i32());
  }

  @Test
  void mutableGlobalsAreSharedWithWasm() {
    Instance i = load();
    Global big = i.global("big").orElseThrow();
    assertTrue(big.type().mutable());
    assertEquals(Long.MIN_VALUE, big.get().i64());
    big.set(Value.i64(-7));
    assertEquals(-7, func(i, "get_big").call()[0].i64());
    func(i, "set_big").call(Value.i64(Long.MAX_VALUE));
    assertEquals(Long.MAX_VALUE, big.get().i64());
  }

  @Test
  void floatGlobalsKeepNanPayloads() {
    Instance i = load();
    Global ratio = i.global("ratio").orElseThrow();
    long nan = 0x7FF4_0000_0000_0001L;
    ratio.set(Value.f64Bits(nan));
    assertEquals(nan, ratio.get().f64Bits());
    assertEquals(nan, func(i, "get_ratio").call()[0].f64Bits());
  }

  @Test
  void importedGlobalsAreLive() {
    Instance i = load();
    assertEquals(6, func(i, "incr_counter").call()[0].i32());
    assertEquals(6, counter.get().i32());
    counter.set(Value.i32(100));
    assertEquals(101, func(i, "incr_counter").call()[0].i32());
    assertEquals(3.0, func(i, "scaled").call(Value.f64(1.5))[0].f64());
    assertFalse(scale.type().mutable());
  }

  @Test
  void setWithTheWrongTypeIsRejected() {
    Global big = load().global("big").orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> big.set(Value.i32(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> store.newGlobal(GlobalType.mutable(ValType.I64), Value.f64(1)));
  }

  @Test
  void mismatchedGlobalImportsDoNotLink() {
    Global constCounter = store.newGlobal(GlobalType.constant(ValType.I32), Value.i32(5));
    Global s = store.newGlobal(GlobalType.constant(ValType.F64), Value.f64(2.0));
    LinkException mut =
        assertThrows(
            LinkException.class,
            () ->
                instantiate(
                    "globals",
                    Imports.builder()
                        .global("env", "counter", constCounter)
                        .global("env", "scale", s)
                        .build()));
    assertTrue(mut.getMessage().contains("env.counter"), mut.getMessage());
    Global c = store.newGlobal(GlobalType.mutable(ValType.I32), Value.i32(5));
    Global wrongType = store.newGlobal(GlobalType.constant(ValType.F32), Value.f32(2));
    LinkException type =
        assertThrows(
            LinkException.class,
            () ->
                instantiate(
                    "globals",
                    Imports.builder()
                        .global("env", "counter", c)
                        .global("env", "scale", wrongType)
                        .build()));
    assertTrue(type.getMessage().contains("env.scale"), type.getMessage());
  }
}
