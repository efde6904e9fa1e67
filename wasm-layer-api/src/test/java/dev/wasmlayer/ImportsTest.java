package dev.wasmlayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.spi.ViewShape;
import dev.wasmlayer.spi.WasmBytes;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ValType;
import java.nio.charset.StandardCharsets;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Imports resolve by name and refuse duplicates; helpers backends share behave the same for all of
 * them.
 */
class ImportsTest {
  private static final FuncType VOID = FuncType.ofParams();

  @Test
  void duplicatesAreRejectedNamingTheImport() {
    Imports.Builder b = Imports.builder().func("env", "f", VOID, (c, a) -> Value.NONE);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> b.func("env", "f", VOID, (c, a) -> Value.NONE));
    assertEquals("import env.f is defined twice", e.getMessage());
  }

  @Test
  void resolveFindsDefinitions() {
    Imports imports = Imports.builder().func("env", "f", VOID, (c, a) -> Value.NONE).build();
    assertTrue(imports.resolve("env", "f").orElseThrow() instanceof Imports.HostFunc);
    assertFalse(imports.resolve("env", "g").isPresent());
    assertFalse(imports.resolve("other", "f").isPresent());
    assertTrue(Imports.empty().resolve("env", "f").isEmpty());
  }

  @Test
  void textIsToldFromBinary() {
    assertTrue(
        WasmBytes.looksLikeText("  ;; c\n(; block ;) (module)".getBytes(StandardCharsets.UTF_8)));
    assertFalse(WasmBytes.looksLikeText(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}));
    assertTrue(WasmBytes.isBinary(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}));
    assertFalse(WasmBytes.looksLikeText("hello".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void viewShapesCheckTheSignature() {
    assertEquals(
        ViewShape.INT_UNARY,
        ViewShape.of(IntUnaryOperator.class, FuncType.of(ValType.I32, ValType.I32)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ViewShape.of(IntUnaryOperator.class, FuncType.of(ValType.I64, ValType.I32)));
    assertEquals(
        "IntUnaryOperator needs a function of type (func (param i32) (result i32)), but this one is "
            + "(func (param i64) (result i32))",
        e.getMessage());
  }
}
