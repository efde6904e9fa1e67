package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Feature;
import dev.wasmlayer.Func;
import dev.wasmlayer.Global;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.Gc;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.ValType;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * funcref and externref values through params, results, multi-value, globals and host functions.
 */
@RequiresFeature(Feature.REFERENCE_TYPES)
class ReferencesTest extends TckBase {
  @Test
  void externrefKeepsIdentity() {
    Instance i = instantiate("refs");
    Object o = new StringBuilder("mine");
    assertSame(o, func(i, "extern_id").call(Value.externRef(o))[0].externRef().orElseThrow());
    assertSame(
        o, func(i, "extern_id").call(Value.externRef(o))[0].externRef().orElseThrow(), "twice");
  }

  @Test
  void nullExternref() {
    Instance i = instantiate("refs");
    assertEquals(1, func(i, "extern_is_null").call(Value.nullRef(ValType.EXTERNREF))[0].i32());
    assertEquals(0, func(i, "extern_is_null").call(Value.externRef("x"))[0].i32());
    assertTrue(func(i, "extern_id").call(Value.nullRef(ValType.EXTERNREF))[0].isNull());
  }

  @Test
  void funcrefFromWasmIsCallable() {
    Instance i = instantiate("refs");
    Func dbl = func(i, "get_double").call()[0].funcRef().orElseThrow();
    assertEquals(42, dbl.call(Value.i32(21))[0].i32());
    assertEquals(FuncType.of(ValType.I32, ValType.I32), dbl.type());
    assertTrue(func(i, "null_func").call()[0].funcRef().isEmpty());
  }

  @Test
  void funcrefRoundTrips() {
    Instance i = instantiate("refs");
    Func inc = func(i, "inc");
    Func back = func(i, "func_id").call(Value.funcRef(inc))[0].funcRef().orElseThrow();
    assertEquals(8, back.call(Value.i32(7))[0].i32());
    assertEquals(0, func(i, "func_is_null").call(Value.funcRef(inc))[0].i32());
    assertEquals(1, func(i, "func_is_null").call(Value.nullRef(ValType.FUNCREF))[0].i32());
  }

  @Test
  void multiValueReferences() {
    Instance i = instantiate("refs");
    Object o = new Object();
    Value[] out = func(i, "swap_refs").call(Value.externRef(o), Value.funcRef(func(i, "double")));
    assertEquals(6, out[0].funcRef().orElseThrow().call(Value.i32(3))[0].i32());
    assertSame(o, out[1].externRef().orElseThrow());
  }

  @Test
  void referenceGlobals() {
    Instance i = instantiate("refs");
    Global g = i.global("gref").orElseThrow();
    assertEquals(GlobalType.mutable(ValType.EXTERNREF), g.type());
    assertTrue(g.get().isNull());
    List<String> o = new ArrayList<>();
    g.set(Value.externRef(o));
    assertSame(o, g.get().externRef().orElseThrow());
    assertSame(o, func(i, "get_gref").call()[0].externRef().orElseThrow());
    Global f = i.global("fref").orElseThrow();
    func(i, "set_fg").call(Value.funcRef(func(i, "inc")));
    assertEquals(11, f.get().funcRef().orElseThrow().call(Value.i32(10))[0].i32());
    f.set(Value.funcRef(func(i, "double")));
    assertEquals(20, func(i, "call_fg").call(Value.i32(10))[0].i32());
  }

  @Test
  void hostCreatedReferenceGlobals() {
    Object o = new Object();
    Global g = store.newGlobal(GlobalType.mutable(ValType.EXTERNREF), Value.externRef(o));
    assertSame(o, g.get().externRef().orElseThrow());
    g.set(Value.nullRef(ValType.EXTERNREF));
    assertTrue(g.get().isNull());
  }

  @Test
  void hostFunctionsTakeAndReturnExternrefs() {
    List<Object> made = new ArrayList<>();
    Imports imports =
        Imports.builder()
            .func(
                "env",
                "make",
                FuncType.of(ValType.I32, ValType.EXTERNREF),
                (c, a) -> {
                  Object o = Map.of("n", a[0].i32());
                  made.add(o);
                  return new Value[] {Value.externRef(o)};
                })
            .func(
                "env",
                "describe",
                FuncType.of(ValType.EXTERNREF, ValType.I32),
                (c, a) -> {
                  Object o = a[0].externRef().orElse(null);
                  return new Value[] {Value.i32(o == null ? -1 : made.indexOf(o))};
                })
            .build();
    Instance i = instantiate("refs_host", imports);
    assertEquals(0, func(i, "round_trip").call(Value.i32(5))[0].i32());
    assertSame(made.get(0), made.get(0));
    Object fromWasm = func(i, "make").call(Value.i32(6))[0].externRef().orElseThrow();
    assertSame(made.get(1), fromWasm);
    assertEquals(1, func(i, "describe").call(Value.externRef(fromWasm))[0].i32());
    assertEquals(-1, func(i, "describe").call(Value.nullRef(ValType.EXTERNREF))[0].i32());
  }

  @Test
  void wrongReferenceKindsAreRejected() {
    Instance i = instantiate("refs");
    assertThrows(
        IllegalArgumentException.class, () -> func(i, "func_id").call(Value.externRef("no")));
    assertThrows(
        IllegalArgumentException.class,
        () -> func(i, "extern_id").call(Value.funcRef(func(i, "inc"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> func(i, "extern_id").callRaw(new long[1]),
        "references have no raw slot form");
  }

  /** Depends on when the collector runs: in the {@code slow} group. */
  @Test
  @Tag("slow")
  void externrefsAreReleasedWhenTheStoreCloses() throws InterruptedException {
    Store<Void> s = engine.newStore(null);
    Object o = new Object();
    WeakReference<Object> weak = new WeakReference<>(o);
    Instance i = s.instantiate(module("refs"));
    i.global("gref").orElseThrow().set(Value.externRef(o));
    o = null;
    System.gc();
    assertTrue(weak.get() != null, "rooted while the store is open");
    s.close();
    Gc.collectUntil(() -> weak.get() == null, Duration.ofSeconds(10));
    assertNull(weak.get(), "the store released its externref");
  }
}
