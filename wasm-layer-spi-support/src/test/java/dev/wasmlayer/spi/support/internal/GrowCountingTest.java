package dev.wasmlayer.spi.support.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.ImportType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wat.WasmText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rewriter on its own (the TCK runs rewritten modules on the engines): it must step over every
 * instruction of every valid module of the spec suite, and what it writes must declare exactly what
 * the original did plus the two budget imports.
 */
@Timeout(120)
class GrowCountingTest {
  private static final Pattern MODULE =
      Pattern.compile(
          "\\{\"type\": \"(module|assert_unlinkable|assert_uninstantiable)\", \"line\": \\d+, \"filename\": \"([^\"]+\\.wasm)\"");

  private static byte[] wat(String text) {
    return WasmText.toBinary(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyValidSpecModuleCountsAndKeepsItsDeclarations() throws IOException {
    Path tests = SpecSuite.dir().resolve("tests");
    int seen = 0;
    int rewritten = 0;
    List<String> problems = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(tests).sorted()) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        Path json = dir.resolve(dir.getFileName() + ".json");
        if (!Files.exists(json)) {
          continue;
        }
        Matcher m = MODULE.matcher(Files.readString(json, StandardCharsets.ISO_8859_1));
        while (m.find()) {
          String name = m.group(2);
          byte[] wasm = Files.readAllBytes(dir.resolve(name));
          seen++;
          try {
            GrowCounting.Counted c = GrowCounting.count(wasm);
            if (c.importsBudgets()) {
              rewritten++;
              sameDeclarations(ModuleReader.read(wasm), ModuleReader.read(c.bytes()));
            } else {
              assertArrayEquals(wasm, c.bytes());
            }
          } catch (RuntimeException | AssertionError e) {
            problems.add(name + ": " + e);
          }
        }
      }
    }
    System.out.println("GrowCounting: " + seen + " spec modules, " + rewritten + " rewritten");
    assertTrue(seen > 1500 && rewritten > 30, seen + " modules, " + rewritten + " rewritten");
    assertTrue(
        problems.isEmpty(),
        problems.size()
            + " problems, first: "
            + problems.subList(0, Math.min(10, problems.size())));
  }

  private static void sameDeclarations(ModuleInfo before, ModuleInfo after) {
    List<ImportType> expected = new ArrayList<>(before.imports());
    for (String field : List.of(GrowCounting.MEMORY, GrowCounting.TABLES)) {
      expected.add(new ImportType(GrowCounting.MODULE, field, GlobalType.mutable(ValType.I64)));
    }
    assertEquals(expected, after.imports());
    assertEquals(before.exports(), after.exports(), "exported globals still name the same globals");
    assertEquals(before.functions(), after.functions());
    assertEquals(before.hasStart(), after.hasStart());
  }

  @Test
  void aModuleThatNeverGrowsIsLeftAsItIs() {
    byte[] wasm =
        wat(
            "(module (memory 2) (table 5 funcref) (global i32 (i32.const 1)) (func (result i32) "
                + "(global.get 0)))");
    GrowCounting.Counted c = GrowCounting.count(wasm);
    assertFalse(c.importsBudgets());
    assertArrayEquals(wasm, c.bytes());
    assertEquals(new Minimums(2 * 65536, 5), c.minimums());
  }

  @Test
  void importedMemoriesAndTablesAreNotPartOfTheMinimums() {
    byte[] wasm =
        wat(
            "(module (import \"m\" \"mem\" (memory 7)) (import \"m\" \"t\" (table 9 funcref))"
                + " (memory 1) (table 3 funcref) (func (drop (memory.grow (i32.const 1)))))");
    GrowCounting.Counted c = GrowCounting.count(wasm);
    assertTrue(c.importsBudgets());
    assertEquals(new Minimums(65536, 3), c.minimums());
    assertEquals(c.minimums(), GrowCounting.minimums(wasm));
  }

  @Test
  void globalIndicesMoveAboveTheBudgetImports() {
    byte[] wasm =
        wat(
            "(module (import \"h\" \"g\" (global i32)) (global $mine (mut f64) (f64.const 1))"
                + " (global $copy i32 (global.get 0)) (memory 1) (export \"mine\" (global $mine))"
                + " (func (export \"f\") (result f64) (drop (memory.grow (i32.const 1))) (global.get $mine)))");
    GrowCounting.Counted c = GrowCounting.count(wasm);
    ModuleInfo after = ModuleReader.read(c.bytes());
    assertEquals(GlobalType.mutable(ValType.F64), after.exports().get(0).type());
    String text = hex(c.bytes());
    // f: global.get of $mine (index 1, now 3) after the rewritten memory.grow
    assertTrue(text.contains("2303"), text);
  }

  @Test
  void aModuleImportingTheReservedNameIsRefused() {
    byte[] wasm = wat("(module (import \"wasm-layer:limits\" \"memory\" (global (mut i64))))");
    CompileException e = assertThrows(CompileException.class, () -> GrowCounting.count(wasm));
    assertTrue(e.getMessage().contains("reserves"), e.getMessage());
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(String.format("%02x", x));
    }
    return s.toString();
  }
}
