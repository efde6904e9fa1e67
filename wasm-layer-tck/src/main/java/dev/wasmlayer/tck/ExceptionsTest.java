package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.ExnRef;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Linker;
import dev.wasmlayer.Tag;
import dev.wasmlayer.ThrownException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.ExternKind;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.TagType;
import dev.wasmlayer.types.ValType;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Exceptions at the host boundary: tags as externs, wasm exceptions reaching the host as {@link
 * ThrownException}, host functions throwing into wasm, and exnref values.
 */
@RequiresFeature(Feature.EXCEPTIONS)
class ExceptionsTest extends TckBase {
  private static final TagType I32_TAG = new TagType(FuncType.ofParams(ValType.I32));

  /** Throws its own tags and an imported one, and catches what a host function throws. */
  private static final String THROWER =
      """
      (module
        (import "host" "boom" (func $boom (param i32)))
        (import "host" "oops" (tag $oops (param i32)))
        (tag $e (export "e") (param i32))
        (tag $two (export "two") (param i32 i64))
        (export "oops" (tag $oops))
        (func (export "throw_e") (param i32) (throw $e (local.get 0)))
        (func (export "throw_two") (param i32 i64) (throw $two (local.get 0) (local.get 1)))
        (func (export "throw_oops") (param i32) (throw $oops (local.get 0)))
        (func (export "catch_oops") (param i32) (result i32)
          (block $caught (result i32)
            (try_table (catch $oops $caught)
              (call $boom (local.get 0)))
            (return (i32.const -1)))
          (i32.const 1000)
          (i32.add))
        (func (export "call_boom") (param i32) (call $boom (local.get 0)))
        (func (export "capture") (param i32) (result exnref)
          (block $caught (result exnref)
            (try_table (catch_all_ref $caught)
              (throw $e (local.get 0)))
            (unreachable)))
        (func (export "rethrow") (param exnref) (throw_ref (local.get 0)))
        (func (export "catch_e_of") (param exnref) (result i32)
          (block $caught (result i32)
            (try_table (catch $e $caught)
              (throw_ref (local.get 0)))
            (unreachable))))
      """;

  /** Imports $e from the thrower and catches it from the thrower's throw_e. */
  private static final String CATCHER =
      """
      (module
        (import "thrower" "e" (tag $e (param i32)))
        (import "thrower" "throw_e" (func $throw_e (param i32)))
        (func (export "catch_e") (param i32) (result i32)
          (block $caught (result i32)
            (try_table (catch $e $caught)
              (call $throw_e (local.get 0)))
            (i32.const -1)))
        (func (export "throw_imported") (param i32) (throw $e (local.get 0))))
      """;

  /** What the host function {@code boom} throws for an argument; null: it returns normally. */
  private final AtomicReference<RuntimeException> boom = new AtomicReference<>();

  private Tag oops;

  private Instance thrower() {
    boom.set(null); // the class's tests share this field; each starts with a quiet boom
    oops = store.newTag(I32_TAG);
    return store.instantiate(
        wat(THROWER),
        Imports.builder()
            .func(
                "host",
                "boom",
                FuncType.ofParams(ValType.I32),
                (c, a) -> {
                  RuntimeException e = boom.get();
                  if (e != null) {
                    throw e;
                  }
                  return Value.NONE;
                })
            .extern("host", "oops", oops)
            .build());
  }

  private static Tag tag(Instance i, String name) {
    return i.tag(name).orElseThrow(() -> new AssertionError("no exported tag " + name));
  }

  @Test
  void tagsAreExternsWithTheirTypes() {
    Instance i = thrower();
    Tag e = tag(i, "e");
    assertEquals(I32_TAG, e.type());
    assertEquals(ExternKind.TAG, e.type().kind());
    assertEquals(new TagType(FuncType.ofParams(ValType.I32, ValType.I64)), tag(i, "two").type());
    assertEquals(e, tag(i, "e"), "the same export is the same tag");
    assertNotEquals(e, tag(i, "two"));
    assertEquals(oops, tag(i, "oops"), "a host tag re-exported is that tag");
    assertNotEquals(oops, store.newTag(I32_TAG), "every new tag is distinct");
    assertTrue(i.func("e").isEmpty());
    assertThrows(
        IllegalArgumentException.class,
        () -> store.newTag(new TagType(FuncType.of(ValType.I32, ValType.I32))),
        "a tag has no results");
  }

  @Test
  void uncaughtExceptionsReachTheHostWithTagAndPayload() {
    Instance i = thrower();
    ThrownException t =
        assertThrows(ThrownException.class, () -> func(i, "throw_e").call(Value.i32(42)));
    assertEquals(TrapKind.UNCAUGHT_EXCEPTION, t.kind());
    assertEquals(tag(i, "e"), t.tag());
    assertEquals(tag(i, "e"), t.exception().tag());
    assertEquals(List.of(Value.i32(42)), t.payload());

    ThrownException two =
        assertThrows(
            ThrownException.class,
            () -> func(i, "throw_two").call(Value.i32(-3), Value.i64(1L << 50)));
    assertEquals(tag(i, "two"), two.tag());
    assertEquals(List.of(Value.i32(-3), Value.i64(1L << 50)), two.payload());

    // code that handles traps keeps working
    TrapException asTrap =
        assertThrows(TrapException.class, () -> func(i, "throw_oops").call(Value.i32(5)));
    assertEquals(TrapKind.UNCAUGHT_EXCEPTION, asTrap.kind());
    assertEquals(oops, ((ThrownException) asTrap).tag(), "thrown with the imported host tag");
  }

  @Test
  void hostFunctionsThrowIntoWasm() {
    Instance i = thrower();
    assertEquals(-1, func(i, "catch_oops").call(Value.i32(0))[0].i32(), "nothing thrown");
    boom.set(new ThrownException(store.newException(oops, Value.i32(7))));
    assertEquals(1007, func(i, "catch_oops").call(Value.i32(0))[0].i32(), "caught by try_table");
  }

  @Test
  void hostExceptionsWasmDoesNotCatchComeBackOut() {
    Instance i = thrower();
    boom.set(new ThrownException(store.newException(oops, Value.i32(9))));
    ThrownException t =
        assertThrows(ThrownException.class, () -> func(i, "call_boom").call(Value.i32(0)));
    assertEquals(oops, t.tag());
    assertEquals(List.of(Value.i32(9)), t.payload());

    // another tag of the same type is another tag: catch $oops does not catch it
    Tag other = store.newTag(I32_TAG);
    boom.set(new ThrownException(store.newException(other, Value.i32(10))));
    ThrownException passed =
        assertThrows(ThrownException.class, () -> func(i, "catch_oops").call(Value.i32(0)));
    assertEquals(other, passed.tag());
    assertEquals(List.of(Value.i32(10)), passed.payload());
  }

  @Test
  void exnrefsAsParamsAndResults() {
    Instance i = thrower();
    Value exn = func(i, "capture").call(Value.i32(11))[0];
    ExnRef caught = exn.exnRef().orElseThrow();
    assertEquals(tag(i, "e"), caught.tag());
    assertEquals(List.of(Value.i32(11)), caught.payload());

    ThrownException rethrown =
        assertThrows(ThrownException.class, () -> func(i, "rethrow").call(exn));
    assertEquals(tag(i, "e"), rethrown.tag());
    assertEquals(List.of(Value.i32(11)), rethrown.payload());
    assertEquals(11, func(i, "catch_e_of").call(exn)[0].i32());

    Value made = Value.exnRef(store.newException(tag(i, "e"), Value.i32(3)));
    assertEquals(3, func(i, "catch_e_of").call(made)[0].i32(), "a host-made exnref");
    TrapException nullRef =
        assertThrows(
            TrapException.class, () -> func(i, "rethrow").call(Value.nullRef(ValType.EXNREF)));
    assertEquals(TrapKind.NULL_REFERENCE, nullRef.kind(), nullRef.getMessage());
  }

  @Test
  void exceptionsWithTheWrongPayloadAreRefused() {
    Instance i = thrower();
    Tag e = tag(i, "e");
    Tag two = tag(i, "two");
    assertThrows(IllegalArgumentException.class, () -> store.newException(e));
    assertThrows(IllegalArgumentException.class, () -> store.newException(e, Value.i64(1)));
    assertThrows(
        IllegalArgumentException.class, () -> store.newException(e, Value.i32(1), Value.i32(2)));
    assertThrows(IllegalArgumentException.class, () -> store.newException(two, Value.i32(1)));
    assertEquals(
        List.of(Value.i32(1), Value.i64(2)),
        store.newException(two, Value.i32(1), Value.i64(2)).payload());
  }

  @Test
  void tagsAreExportedAndImportedBetweenInstances() {
    Instance thrower = thrower();
    Instance catcher =
        store.instantiate(wat(CATCHER), Imports.builder().instance("thrower", thrower).build());
    assertEquals(
        21, func(catcher, "catch_e").call(Value.i32(21))[0].i32(), "one tag across instances");
    ThrownException t =
        assertThrows(
            ThrownException.class, () -> func(catcher, "throw_imported").call(Value.i32(4)));
    assertEquals(tag(thrower, "e"), t.tag(), "thrown by the importer, the exporter's tag");
  }

  @Test
  void aLinkerDefinesTagsLikeOtherExterns() {
    Instance thrower = thrower();
    Tag host = store.newTag(I32_TAG);
    Instance catcher =
        Linker.of(engine)
            .define("thrower", "e", host)
            .define("thrower", "throw_e", func(thrower, "throw_e"))
            .instantiate(store, wat(CATCHER));
    ThrownException t =
        assertThrows(
            ThrownException.class, () -> func(catcher, "throw_imported").call(Value.i32(8)));
    assertEquals(host, t.tag(), "the linker's tag is the one imported");
    // the thrower throws its own $e, which is not the host tag the catcher imported
    ThrownException passed =
        assertThrows(ThrownException.class, () -> func(catcher, "catch_e").call(Value.i32(2)));
    assertEquals(tag(thrower, "e"), passed.tag());
  }

  @Test
  void tagImportsAreTypeChecked() {
    Instance thrower = thrower();
    Tag wrongType = store.newTag(new TagType(FuncType.ofParams(ValType.F32)));
    assertThrows(
        LinkException.class,
        () ->
            store.instantiate(
                wat(CATCHER),
                Imports.builder()
                    .extern("thrower", "e", wrongType)
                    .extern("thrower", "throw_e", func(thrower, "throw_e"))
                    .build()));
    assertThrows(
        LinkException.class,
        () ->
            store.instantiate(
                wat(CATCHER),
                Imports.builder()
                    .extern("thrower", "e", func(thrower, "throw_e"))
                    .extern("thrower", "throw_e", func(thrower, "throw_e"))
                    .build()),
        "a function is not a tag");
  }
}
