package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmlayer.Instance;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.TckBase;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every numeric trap kind is classified the same on every engine, and a trap leaves the store
 * usable.
 */
class TrapsTest extends TckBase {
  static Stream<Arguments> traps() {
    return Stream.of(
        Arguments.of("unreachable", new Value[0], TrapKind.UNREACHABLE),
        Arguments.of("div_by_zero", new Value[] {Value.i32(1)}, TrapKind.INTEGER_DIVIDE_BY_ZERO),
        Arguments.of(
            "rem_by_zero_i64", new Value[] {Value.i64(1)}, TrapKind.INTEGER_DIVIDE_BY_ZERO),
        Arguments.of("div_overflow", new Value[0], TrapKind.INTEGER_OVERFLOW),
        Arguments.of("trunc_nan", new Value[0], TrapKind.BAD_CONVERSION_TO_INTEGER),
        Arguments.of("trunc_overflow", new Value[0], TrapKind.INTEGER_OVERFLOW),
        Arguments.of("oob_load", new Value[] {Value.i32(65536)}, TrapKind.MEMORY_OUT_OF_BOUNDS),
        Arguments.of("oob_load", new Value[] {Value.i32(65533)}, TrapKind.MEMORY_OUT_OF_BOUNDS),
        Arguments.of("oob_store", new Value[] {Value.i32(-1)}, TrapKind.MEMORY_OUT_OF_BOUNDS),
        Arguments.of("recurse", new Value[] {Value.i32(0)}, TrapKind.STACK_OVERFLOW),
        Arguments.of("indirect_null", new Value[0], TrapKind.INDIRECT_CALL_TO_NULL),
        Arguments.of("indirect_mismatch", new Value[0], TrapKind.INDIRECT_CALL_TYPE_MISMATCH),
        Arguments.of("indirect_oob", new Value[0], TrapKind.TABLE_OUT_OF_BOUNDS));
  }

  @ParameterizedTest(name = "{0} traps with {2}")
  @MethodSource("traps")
  void trapKind(String export, Value[] args, TrapKind kind) {
    Instance i = instantiate("traps");
    TrapException t = assertThrows(TrapException.class, () -> func(i, export).call(args));
    assertEquals(kind, t.kind(), t.getMessage());
    assertFalse(t.getMessage().isBlank());
    assertEquals(
        5, func(i, "indirect_ok").call(Value.i32(5))[0].i32(), "the instance works after a trap");
  }

  @Test
  void rawAndTypedPathsTrapTheSame() {
    Instance i = instantiate("traps");
    TrapException raw =
        assertThrows(TrapException.class, () -> func(i, "div_by_zero").callRaw(new long[] {1}));
    assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, raw.kind());
    TrapException typed =
        assertThrows(
            TrapException.class,
            () -> func(i, "div_by_zero").typed(IntUnaryOperator.class).applyAsInt(1));
    assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, typed.kind());
  }

  @Test
  void aTrappingStartSectionFailsInstantiation() {
    TrapException t = assertThrows(TrapException.class, () -> instantiate("start_trap"));
    assertEquals(TrapKind.UNREACHABLE, t.kind());
    assertEquals(
        42, func(instantiate("numbers"), "answer").call()[0].i32(), "the store stays usable");
  }
}
