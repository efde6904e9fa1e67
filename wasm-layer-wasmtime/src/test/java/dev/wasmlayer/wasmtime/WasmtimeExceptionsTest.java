package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.ExnRef;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Func;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.InstancePre;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Linker;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.Tag;
import dev.wasmlayer.ThrownException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.Gc;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.TagType;
import dev.wasmlayer.types.ValType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tags and exceptions at the host boundary on wasmtime: tags as externs with one wrapper each,
 * uncaught wasm exceptions as {@link ThrownException} with their payload, host exceptions thrown
 * into wasm, and exnref values crossing both ways.
 */
@Timeout(120)
class WasmtimeExceptionsTest {
  /** Defines and exports tags, throws them, catches one as an exnref and rethrows it. */
  private static final String THROWER =
      """
      (module
        (tag $empty (export "empty"))
        (tag $code (export "code") (param i32))
        (tag $mix (export "mix") (param i32 f64 externref))
        (func (export "throw_code") (param i32) (throw $code (local.get 0)))
        (func (export "throw_mix") (param i32 f64 externref)
          (throw $mix (local.get 0) (local.get 1) (local.get 2)))
        (func (export "throw_empty") (throw $empty))
        (func (export "catch_ref") (param i32) (result exnref)
          (block $h (result exnref)
            (try_table (catch_all_ref $h) (throw $code (local.get 0)))
            (unreachable)))
        (func (export "rethrow") (param exnref) (throw_ref (local.get 0)))
        (func (export "code_of") (param exnref) (result i32)
          (block $h (result i32)
            (try_table (catch $code $h) (throw_ref (local.get 0)))
            (i32.const -1))))
      """;

  /**
   * Imports a tag and a host function; catches the tag around the host function, or lets it out.
   */
  private static final String CATCHER =
      """
      (module
        (import "a" "code" (tag $code (param i32)))
        (import "h" "boom" (func $boom (param i32)))
        (func (export "catch_host") (param i32) (result i32)
          (block $h (result i32)
            (try_table (result i32) (catch $code $h) (call $boom (local.get 0)) (i32.const -1))))
        (func (export "call_host") (param i32) (call $boom (local.get 0)))
        (func (export "throw_imported") (param i32) (throw $code (local.get 0))))
      """;

  /** Throws from its start function. */
  private static final String START =
      """
      (module
        (import "a" "code" (tag $code (param i32)))
        (func $start (throw $code (i32.const 42)))
        (start $start))
      """;

  private static final TagType CODE = new TagType(FuncType.ofParams(ValType.I32));

  private static Engine engine;
  private static Module thrower;
  private static Module catcher;

  @BeforeAll
  static void compile() {
    engine = Engines.create(WasmtimeEngineProvider.ID, EngineConfig.defaults());
    thrower = engine.compile(THROWER.getBytes(StandardCharsets.UTF_8));
    catcher = engine.compile(CATCHER.getBytes(StandardCharsets.UTF_8));
  }

  @AfterAll
  static void close() {
    thrower.close();
    catcher.close();
    engine.close();
  }

  private static Imports host(IntUnaryOperator boom, Store<?> s, Tag tag) {
    return Imports.builder()
        .extern("a", "code", tag)
        .func(
            "h",
            "boom",
            FuncType.ofParams(ValType.I32),
            (c, args) -> {
              throw new ThrownException(
                  s.newException(tag, Value.i32(boom.applyAsInt(args[0].i32()))));
            })
        .build();
  }

  @Test
  void theEngineDeclaresExceptions() {
    assertTrue(engine.features().contains(Feature.EXCEPTIONS));
  }

  @Test
  void exportedTagsAreOneObjectEachWithTheirTypes() {
    try (Store<Void> s = engine.newStore(null)) {
      Instance a = s.instantiate(thrower);
      Tag code = a.tag("code").orElseThrow();
      assertSame(code, a.tag("code").orElseThrow());
      assertSame(code, a.exports().get("code"));
      assertEquals(CODE, code.type());
      assertEquals(
          new TagType(FuncType.ofParams(ValType.I32, ValType.F64, ValType.EXTERNREF)),
          a.tag("mix").orElseThrow().type());
      assertEquals(new TagType(FuncType.ofParams()), a.tag("empty").orElseThrow().type());
      assertNotSame(code, a.tag("mix").orElseThrow());
      assertEquals(
          CODE,
          thrower.exports().stream()
              .filter(e -> e.name().equals("code"))
              .findFirst()
              .orElseThrow()
              .type());
    }
  }

  @Test
  void anUncaughtExceptionCarriesItsTagAndPayload() {
    try (Store<Void> s = engine.newStore(null)) {
      Instance a = s.instantiate(thrower);
      Object marker = new Object();
      ThrownException e =
          assertThrows(
              ThrownException.class,
              () ->
                  a.func("throw_mix")
                      .orElseThrow()
                      .call(Value.i32(-7), Value.f64(2.5), Value.externRef(marker)));
      assertEquals(TrapKind.UNCAUGHT_EXCEPTION, e.kind());
      assertSame(a.tag("mix").orElseThrow(), e.tag());
      List<Value> payload = e.payload();
      assertEquals(3, payload.size());
      assertEquals(-7, payload.get(0).i32());
      assertEquals(2.5, payload.get(1).f64());
      assertSame(marker, payload.get(2).externRef().orElseThrow());
      ThrownException empty =
          assertThrows(ThrownException.class, () -> a.func("throw_empty").orElseThrow().call());
      assertSame(a.tag("empty").orElseThrow(), empty.tag());
      assertEquals(List.of(), empty.payload());
      // nothing lingers: the store runs normally afterwards
      assertEquals(
          5,
          a.func("code_of")
              .orElseThrow()
              .call(a.func("catch_ref").orElseThrow().call(Value.i32(5)))[0]
              .i32());
    }
  }

  @Test
  void uncaughtExceptionsLeaveEveryCallPath() {
    try (Store<Void> s = engine.newStore(null)) {
      Instance a = s.instantiate(thrower);
      Tag code = a.tag("code").orElseThrow();
      Func f = a.func("throw_code").orElseThrow();
      ThrownException raw = assertThrows(ThrownException.class, () -> f.callRaw(new long[] {9}));
      assertSame(code, raw.tag());
      assertEquals(9, raw.payload().get(0).i32());
      IntConsumer view = f.typed(IntConsumer.class);
      ThrownException typed = assertThrows(ThrownException.class, () -> view.accept(11));
      assertEquals(11, typed.payload().get(0).i32());
      try (Module start = engine.compile(START.getBytes(StandardCharsets.UTF_8))) {
        ThrownException atStart =
            assertThrows(
                ThrownException.class,
                () -> s.instantiate(start, Imports.builder().extern("a", "code", code).build()));
        assertSame(code, atStart.tag());
        assertEquals(42, atStart.payload().get(0).i32());
        InstancePre pre = Linker.of(engine).define("a", "code", code).instantiatePre(start);
        ThrownException viaPre = assertThrows(ThrownException.class, () -> pre.instantiate(s));
        assertEquals(42, viaPre.payload().get(0).i32());
      }
    }
  }

  /** A typed view of (i32) -> (). */
  public interface IntConsumer {
    void accept(int v);
  }

  @Test
  void importedTagsAreTheSameTagInWasmAndOnTheHost() {
    try (Store<Void> s = engine.newStore(null)) {
      Instance a = s.instantiate(thrower);
      Tag code = a.tag("code").orElseThrow();
      Instance b = s.instantiate(catcher, host(x -> x * 2, s, code));
      // the host throws a's tag; b, which imported it, catches it
      assertEquals(42, b.func("catch_host").orElseThrow().call(Value.i32(21))[0].i32());
      // b throws the imported tag: the host sees a's tag object
      ThrownException e =
          assertThrows(
              ThrownException.class,
              () -> b.func("throw_imported").orElseThrow().call(Value.i32(3)));
      assertSame(code, e.tag());
      // the Linker path and InstancePre bind tags too
      Instance viaLinker =
          Linker.of(engine)
              .define(host(x -> x + 1, s, code))
              .instantiatePre(catcher)
              .instantiate(s);
      assertEquals(8, viaLinker.func("catch_host").orElseThrow().call(Value.i32(7))[0].i32());
    }
  }

  @Test
  void anExceptionFromANestedCallPassesThroughTheHostFunctionIntoWasm() {
    try (Store<Void> s = engine.newStore(null)) {
      Instance a = s.instantiate(thrower);
      Tag code = a.tag("code").orElseThrow();
      Func throwCode = a.func("throw_code").orElseThrow();
      Imports imports =
          Imports.builder()
              .extern("a", "code", code)
              .func(
                  "h",
                  "boom",
                  FuncType.ofParams(ValType.I32),
                  (c, args) -> throwCode.call(Value.i32(args[0].i32() * 3))) // not caught here
              .build();
      Instance b = s.instantiate(catcher, imports);
      assertEquals(15, b.func("catch_host").orElseThrow().call(Value.i32(5))[0].i32());
      ThrownException e =
          assertThrows(
              ThrownException.class, () -> b.func("call_host").orElseThrow().call(Value.i32(2)));
      assertSame(code, e.tag());
      assertEquals(6, e.payload().get(0).i32());
    }
  }

  @Test
  void aHostCreatedTagWorksAsAnImportAndStaysDistinct() {
    try (Store<Void> s = engine.newStore(null)) {
      Tag mine = s.newTag(CODE);
      assertEquals(CODE, mine.type());
      assertNotSame(mine, s.newTag(CODE));
      Instance b = s.instantiate(catcher, host(x -> x + 100, s, mine));
      assertEquals(101, b.func("catch_host").orElseThrow().call(Value.i32(1))[0].i32());
      ThrownException e =
          assertThrows(
              ThrownException.class,
              () -> b.func("throw_imported").orElseThrow().call(Value.i32(4)));
      assertSame(mine, e.tag());
      ExnRef made = s.newException(mine, Value.i32(77));
      assertSame(mine, made.tag());
      assertEquals(List.of(Value.i32(77)), made.payload());
    }
  }

  @Test
  void aHostThrowNothingCatchesComesBackOutWithItsTag() {
    try (Store<Void> s = engine.newStore(null)) {
      Tag mine = s.newTag(CODE);
      Tag other = s.newTag(CODE);
      // b catches `mine`; the host throws `other`, which passes through b's try_table
      Imports imports =
          Imports.builder()
              .extern("a", "code", mine)
              .func(
                  "h",
                  "boom",
                  FuncType.ofParams(ValType.I32),
                  (c, args) -> {
                    throw new ThrownException(s.newException(other, args[0]));
                  })
              .build();
      Instance b = s.instantiate(catcher, imports);
      ThrownException e =
          assertThrows(
              ThrownException.class, () -> b.func("catch_host").orElseThrow().call(Value.i32(6)));
      assertSame(other, e.tag());
      assertEquals(6, e.payload().get(0).i32());
      ThrownException direct =
          assertThrows(
              ThrownException.class, () -> b.func("call_host").orElseThrow().call(Value.i32(8)));
      assertSame(other, direct.tag());
    }
  }

  @Test
  void anExceptionOfAnotherStoreIsAHostTrap() {
    try (Store<Void> s = engine.newStore(null);
        Store<Void> elsewhere = engine.newStore(null)) {
      Tag foreign = elsewhere.newTag(CODE);
      ExnRef alien = elsewhere.newException(foreign, Value.i32(1));
      Imports imports =
          Imports.builder()
              .extern("a", "code", s.newTag(CODE))
              .func(
                  "h",
                  "boom",
                  FuncType.ofParams(ValType.I32),
                  (c, args) -> {
                    throw new ThrownException(alien);
                  })
              .build();
      Instance b = s.instantiate(catcher, imports);
      TrapException e =
          assertThrows(
              TrapException.class, () -> b.func("catch_host").orElseThrow().call(Value.i32(0)));
      assertEquals(TrapKind.HOST, e.kind());
      assertInstanceOf(IllegalArgumentException.class, e.getCause());
      assertThrows(IllegalArgumentException.class, () -> s.newException(foreign, Value.i32(1)));
    }
  }

  @Test
  void newExceptionChecksThePayload() {
    try (Store<Void> s = engine.newStore(null)) {
      Tag mine = s.newTag(CODE);
      assertThrows(IllegalArgumentException.class, () -> s.newException(mine));
      assertThrows(IllegalArgumentException.class, () -> s.newException(mine, Value.i64(1)));
      assertThrows(
          IllegalArgumentException.class, () -> s.newException(mine, Value.i32(1), Value.i32(2)));
    }
  }

  @Test
  void aTagOfTheWrongTypeDoesNotLink() {
    try (Store<Void> s = engine.newStore(null)) {
      Tag wrong = s.newTag(new TagType(FuncType.ofParams(ValType.I64)));
      Imports imports =
          Imports.builder()
              .extern("a", "code", wrong)
              .func("h", "boom", FuncType.ofParams(ValType.I32), (c, args) -> Value.NONE)
              .build();
      LinkException e = assertThrows(LinkException.class, () -> s.instantiate(catcher, imports));
      assertTrue(e.getMessage().contains("a.code"), e.getMessage());
      assertThrows(
          LinkException.class,
          () -> Linker.of(engine).define(imports).instantiatePre(catcher).instantiate(s));
    }
  }

  @Test
  void tagsWithConcreteReferenceParamsLinkAndKeepTheirDeclaredType() {
    // $f is type 1 in the exporter and type 0 in the importer: the same type all the same
    String exporter =
        """
        (module
          (type $other (func (param i32)))
          (type $f (func))
          (tag (export "t") (param (ref null $f))))
        """;
    String importer =
        """
        (module
          (type $f (func))
          (import "a" "t" (tag $t (param (ref null $f))))
          (func (export "throw_null") (throw $t (ref.null $f))))
        """;
    try (Store<Void> s = engine.newStore(null);
        Module ma = engine.compile(exporter.getBytes(StandardCharsets.UTF_8));
        Module mb = engine.compile(importer.getBytes(StandardCharsets.UTF_8))) {
      Instance a = s.instantiate(ma);
      Tag t = a.tag("t").orElseThrow();
      assertEquals(ma.exports().get(0).type(), t.type());
      Instance b = s.instantiate(mb, Imports.builder().extern("a", "t", t).build());
      ThrownException e =
          assertThrows(ThrownException.class, () -> b.func("throw_null").orElseThrow().call());
      assertSame(t, e.tag());
      assertTrue(e.payload().get(0).isNull());
      String wrong =
          "(module (type (func (param i64))) (import \"a\" \"t\" (tag (param (ref null 0)))))";
      try (Module mc = engine.compile(wrong.getBytes(StandardCharsets.UTF_8))) {
        assertThrows(
            LinkException.class,
            () -> s.instantiate(mc, Imports.builder().extern("a", "t", t).build()));
      }
    }
  }

  @Test
  void exnrefsRoundTripThroughWasm() {
    try (Store<Void> s = engine.newStore(null)) {
      Instance a = s.instantiate(thrower);
      Tag code = a.tag("code").orElseThrow();
      Value ref = a.func("catch_ref").orElseThrow().call(Value.i32(12))[0];
      ExnRef caught = ref.exnRef().orElseThrow();
      assertSame(code, caught.tag());
      assertEquals(12, caught.payload().get(0).i32());
      ThrownException again =
          assertThrows(ThrownException.class, () -> a.func("rethrow").orElseThrow().call(ref));
      assertSame(code, again.tag());
      assertEquals(12, again.payload().get(0).i32());
      // a host-made exception passed as an exnref
      Value made = Value.exnRef(s.newException(code, Value.i32(33)));
      assertArrayEquals(new Value[] {Value.i32(33)}, a.func("code_of").orElseThrow().call(made));
    }
  }

  /** Catches an exception as an exnref, hands it through a host function, rethrows what it got. */
  private static final String PASSER =
      """
      (module
        (import "h" "pass" (func $pass (param exnref) (result exnref)))
        (tag $t (export "t") (param i32))
        (func (export "through_host") (param i32) (result i32)
          (block $h (result i32)
            (try_table (result i32) (catch $t $h)
              (block $c (result exnref)
                (try_table (catch_all_ref $c) (throw $t (local.get 0)))
                (unreachable))
              (call $pass)
              (throw_ref)))))
      """;

  /**
   * {@code through_host} of a {@link #PASSER} instance in {@code s}, whose host function checks the
   * exnref it gets, returns it (odd codes) or a new exception of code + 1 (even codes), and throws
   * it from the checked entry (every thousandth code), where wasm catches it.
   */
  private static Func throughHost(Store<?> s, Module passer) {
    Tag[] t = new Tag[1];
    Imports imports =
        Imports.builder()
            .func(
                "h",
                "pass",
                FuncType.of(ValType.EXNREF, ValType.EXNREF),
                (c, args) -> {
                  ExnRef in = args[0].exnRef().orElseThrow();
                  assertSame(t[0], in.tag());
                  int code = in.payload().get(0).i32();
                  if (code % 1000 == 0) {
                    throw new ThrownException(in);
                  }
                  return new Value[] {
                    code % 2 != 0
                        ? args[0]
                        : Value.exnRef(s.newException(t[0], Value.i32(code + 1)))
                  };
                })
            .build();
    Instance i = s.instantiate(passer, imports);
    t[0] = i.tag("t").orElseThrow();
    return i.func("through_host").orElseThrow();
  }

  private static int throughHostExpected(int k) {
    return k % 1000 == 0 || k % 2 != 0 ? k : k + 1;
  }

  @Test
  void exnrefsCrossHostFunctionsBothWays() {
    try (Store<Void> s = engine.newStore(null);
        Module m = engine.compile(PASSER.getBytes(StandardCharsets.UTF_8))) {
      Func through = throughHost(s, m);
      for (int k = 0; k < 2_001; k++) {
        assertEquals(throughHostExpected(k), through.call(Value.i32(k))[0].i32());
      }
    }
  }

  /** Depends on when the collector runs: in the {@code slow} group. */
  @Test
  @org.junit.jupiter.api.Tag("slow")
  void manyExceptionsThroughTheHostDoNotGrowTheRoots() throws InterruptedException {
    try (Store<Void> s = engine.newStore(null);
        Module m = engine.compile(PASSER.getBytes(StandardCharsets.UTF_8))) {
      Func through = throughHost(s, m);
      WasmtimeStore<?> ws = (WasmtimeStore<?>) s;
      for (int k = 0; k < 100_000; k++) {
        assertEquals(throughHostExpected(k), through.call(Value.i32(k))[0].i32());
      }
      assertTrue(
          Gc.collectUntil(() -> ws.roots().size() < 16, Duration.ofSeconds(30)),
          "roots left: " + ws.roots().size());
    }
  }

  /** Depends on when the collector runs: in the {@code slow} group. */
  @Test
  @org.junit.jupiter.api.Tag("slow")
  void manyHostThrowsDoNotGrowTheRoots() throws InterruptedException {
    try (Store<Void> s = engine.newStore(null)) {
      Tag mine = s.newTag(CODE);
      Instance b = s.instantiate(catcher, host(x -> x, s, mine));
      Func catchHost = b.func("catch_host").orElseThrow();
      Func throwImported = b.func("throw_imported").orElseThrow();
      WasmtimeStore<?> ws = (WasmtimeStore<?>) s;
      for (int i = 0; i < 100_000; i++) {
        assertEquals(i, catchHost.call(Value.i32(i))[0].i32());
        if (i % 1000 == 0) {
          int at = i;
          ThrownException e =
              assertThrows(ThrownException.class, () -> throwImported.call(Value.i32(at)));
          assertEquals(at, e.payload().get(0).i32());
        }
      }
      assertTrue(
          Gc.collectUntil(() -> ws.roots().size() < 16, Duration.ofSeconds(30)),
          "roots left: " + ws.roots().size());
    }
  }

  @Test
  void handlesRefuseUseAfterTheStoreCloses() {
    ExnRef kept;
    Tag tag;
    try (Store<Void> s = engine.newStore(null)) {
      Instance a = s.instantiate(thrower);
      tag = a.tag("code").orElseThrow();
      kept = a.func("catch_ref").orElseThrow().call(Value.i32(1))[0].exnRef().orElseThrow();
      assertEquals(1, kept.payload().get(0).i32());
    }
    assertThrows(IllegalStateException.class, kept::tag);
    assertThrows(IllegalStateException.class, kept::payload);
    assertThrows(IllegalStateException.class, () -> tag.unwrap(com.sun.jna.Pointer.class));
  }
}
