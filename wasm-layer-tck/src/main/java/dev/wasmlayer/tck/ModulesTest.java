package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.Module;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.AddressType;
import dev.wasmlayer.types.ExportType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.ImportType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.types.ValType;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compiling, validating and introspecting modules; malformed and invalid bytes fail with the right
 * reason.
 */
class ModulesTest extends TckBase {
  @Test
  void badMagicIsMalformed() {
    CompileException e =
        assertThrows(
            CompileException.class, () -> engine.compile(new byte[] {1, 2, 3, 4, 1, 0, 0, 0}));
    assertEquals(CompileException.Reason.MALFORMED, e.reason());
  }

  @Test
  void emptyBytesAreMalformed() {
    assertEquals(
        CompileException.Reason.MALFORMED,
        assertThrows(CompileException.class, () -> engine.compile(new byte[0])).reason());
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 9, 20, 100, 300})
  void truncatedModulesAreMalformed(int length) {
    byte[] cut = Arrays.copyOf(Tck.wasm("numbers"), length);
    assertEquals(
        CompileException.Reason.MALFORMED,
        assertThrows(CompileException.class, () -> engine.compile(cut)).reason());
  }

  @Test
  void illTypedModulesAreInvalid() {
    CompileException e =
        assertThrows(CompileException.class, () -> engine.compile(Tck.wasm("invalid")));
    assertEquals(CompileException.Reason.INVALID, e.reason());
    assertThrows(CompileException.class, () -> engine.validate(Tck.wasm("invalid")));
  }

  @Test
  void validateAcceptsGoodModules() {
    assertDoesNotThrow(() -> engine.validate(Tck.wasm("numbers")));
  }

  @Test
  void importsAreDescribedExactly() {
    assertEquals(
        List.of(
            new ImportType(
                "env", "f", FuncType.of(List.of(ValType.I32, ValType.I64), List.of(ValType.F32))),
            new ImportType("env", "mem", MemoryType.of(1, 2)),
            new ImportType("env", "tab", TableType.of(ValType.FUNCREF, 3)),
            new ImportType("env", "g", GlobalType.mutable(ValType.F64))),
        module("introspect").imports());
  }

  @Test
  void exportsAreDescribedExactly() {
    assertEquals(
        List.of(
            new ExportType(
                "run", FuncType.of(List.of(ValType.F64), List.of(ValType.I32, ValType.I32))),
            new ExportType(
                "memory", new MemoryType(2, OptionalLong.empty(), AddressType.I32, false)),
            new ExportType("table", TableType.of(ValType.FUNCREF, 1, 5)),
            new ExportType("counter", GlobalType.mutable(ValType.I64)),
            new ExportType("limit", GlobalType.constant(ValType.I32))),
        module("introspect").exports());
  }

  @Test
  void exportOrderIsTheModulesOrder() {
    List<String> names = module("numbers").exports().stream().map(ExportType::name).toList();
    assertEquals(List.of("add_one", "i32_id", "i64_id", "f32_id", "f64_id"), names.subList(0, 5));
    assertEquals(17, names.size());
    assertEquals(names, List.copyOf(instantiate("numbers").exports().keySet()));
  }

  @Test
  void aModuleKnowsItsEngine() {
    Module m = engine.compile(Tck.wasm("numbers"));
    try {
      assertSame(engine, m.engine());
    } finally {
      m.close();
    }
  }
}
