package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Global;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Module;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.ValType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * WebAssembly text wherever bytes are accepted, with the same results on every engine: valid text
 * runs, text that does not parse is {@code MALFORMED}, text that parses into an invalid module is
 * {@code INVALID}. (The spec suite adds its 1,229 malformed-text cases on every engine that
 * declares WAT.)
 */
@RequiresFeature(Feature.WAT)
class WatTest extends TckBase {
  private static final String PROGRAM =
      String.join(
          "\n",
          ";; every kind of definition, named and numbered references, folded and plain instructions",
          "(module $demo",
          "  (type $binop (func (param i32 i32) (result i32)))",
          "  (import \"env\" \"base\" (global $base i32))",
          "  (memory (export \"memory\") 1 2)",
          "  (data (i32.const 16) \"wasm\\00layer\\u{1F600}\")",
          "  (table $fns 2 funcref)",
          "  (elem (table $fns) (i32.const 0) func $add $sub)",
          "  (global $counter (mut i64) (i64.const 0x10))",
          "  (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))",
          "  (func $sub (type $binop) local.get 0 local.get 1 i32.sub)",
          "  (func (export \"apply\") (param $op i32) (param $a i32) (param $b i32) (result i32)",
          "    (call_indirect $fns (type $binop) (local.get $a) (local.get $b) (local.get $op)))",
          "  (func (export \"sum_to\") (param $n i32) (result i32) (local $acc i32)",
          "    (block $done",
          "      (loop $next",
          "        (br_if $done (i32.eqz (local.get $n)))",
          "        (local.set $acc (i32.add (local.get $acc) (local.get $n)))",
          "        (local.set $n (i32.sub (local.get $n) (i32.const 1)))",
          "        (br $next)))",
          "    (i32.add (local.get $acc) (global.get $base)))",
          "  (func (export \"bump\") (result i64)",
          "    global.get $counter i64.const 1 i64.add global.set $counter global.get $counter)",
          "  (func (export \"floats\") (result f32 f64)",
          "    (f32.const 0x1.8p1) (f64.const -1.5e-3))",
          "  (func (export \"pick\") (param i32) (result i32)",
          "    (if (result i32) (local.get 0) (then (i32.const 10)) (else (i32.const 20)))))");

  private Instance run() {
    Module m = engine.compile(PROGRAM.getBytes(StandardCharsets.UTF_8));
    Global base = store.newGlobal(new GlobalType(ValType.I32, false), Value.i32(1000));
    return store.instantiate(m, Imports.builder().global("env", "base", base).build());
  }

  @Test
  void textRunsLikeABinary() {
    Instance i = run();
    assertEquals(7, func(i, "apply").call(Value.i32(0), Value.i32(3), Value.i32(4))[0].i32());
    assertEquals(-1, func(i, "apply").call(Value.i32(1), Value.i32(3), Value.i32(4))[0].i32());
    assertEquals(1000 + 5050, func(i, "sum_to").typed(IntUnaryOperator.class).applyAsInt(100));
    assertEquals(17L, func(i, "bump").call()[0].i64());
    Value[] floats = func(i, "floats").call();
    assertEquals(3.0f, floats[0].f32());
    assertEquals(-1.5e-3, floats[1].f64());
    assertEquals(10, func(i, "pick").call(Value.i32(1))[0].i32());
    assertEquals(20, func(i, "pick").call(Value.i32(0))[0].i32());
    byte[] data = new byte[14];
    i.memory("memory").orElseThrow().read(16, data, 0, data.length);
    assertArrayEquals(
        ("wasm\0layer" + new String(Character.toChars(0x1F600))).getBytes(StandardCharsets.UTF_8),
        data);
  }

  @Test
  void textAndItsBinaryDescribeTheSameModule() {
    String text =
        "(module (import \"host\" \"log\" (func (param i32 i32))) (memory (export \"m\") 1)"
            + " (func (export \"f\") (param i64) (result f32) (f32.const 0)))";
    Module fromText = engine.compile(text.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, fromText.imports().size());
    assertEquals("host", fromText.imports().get(0).module());
    assertEquals("log", fromText.imports().get(0).name());
    assertEquals(FuncType.ofParams(ValType.I32, ValType.I32), fromText.imports().get(0).type());
    assertEquals(
        List.of("m", "f"),
        fromText.exports().stream().map(e -> e.name()).collect(Collectors.toList()));
    assertEquals(FuncType.of(ValType.I64, ValType.F32), fromText.exports().get(1).type());
  }

  @Test
  void textThatDoesNotParseIsMalformed() {
    for (String bad :
        new String[] {
          "(module (func (i32.add2)))",
          "(module (func $f) (func $f))",
          "(module (memory 1) (func (drop (i32.load align=3 (i32.const 0)))))",
          "(module (data \"unclosed))",
          "(module (func (i32.const 0x1_)))",
          "(module (func (block $a end $b)))"
        }) {
      CompileException e =
          assertThrows(
              CompileException.class,
              () -> engine.compile(bad.getBytes(StandardCharsets.UTF_8)),
              bad);
      assertEquals(CompileException.Reason.MALFORMED, e.reason(), bad + ": " + e.getMessage());
    }
  }

  @Test
  void textThatParsesButDoesNotValidateIsInvalid() {
    for (String bad :
        new String[] {
          "(module (func (result i32) (i64.const 1)))",
          "(module (func (call 7)))",
          "(module (memory 1) (memory 1) (func (drop (i32.load 2 (i32.const 0)))))"
        }) {
      CompileException e =
          assertThrows(
              CompileException.class,
              () -> engine.compile(bad.getBytes(StandardCharsets.UTF_8)),
              bad);
      assertEquals(CompileException.Reason.INVALID, e.reason(), bad + ": " + e.getMessage());
    }
  }

  @Test
  void validateTakesTextToo() {
    engine.validate("(module (func (export \"x\")))".getBytes(StandardCharsets.UTF_8));
    assertThrows(
        CompileException.class,
        () -> engine.validate("(module (func (x)))".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @RequiresFeature(Feature.SIMD)
  void simdText() {
    String text =
        "(module (func (export \"lane\") (result i32)"
            + " (i32x4.extract_lane 2 (i32x4.add (v128.const i32x4 1 2 3 4) (v128.const i32x4 10 20 30 40)))))";
    Instance i = store.instantiate(engine.compile(text.getBytes(StandardCharsets.UTF_8)));
    assertEquals(33, func(i, "lane").call()[0].i32());
  }
}
