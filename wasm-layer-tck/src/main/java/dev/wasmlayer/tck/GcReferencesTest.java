package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.ArrayRef;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Global;
import dev.wasmlayer.I31Ref;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.StructRef;
import dev.wasmlayer.Table;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.ArrayType;
import dev.wasmlayer.types.FieldType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.PackedType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.StructType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.types.ValType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GC references at the host boundary: i31, structs and arrays made by wasm and by the host, host
 * objects as anyref, and the typed references of the any hierarchy.
 */
@RequiresFeature(Feature.GC)
class GcReferencesTest extends TckBase {
  /** Every field kind: mutable i32, immutable i64, packed i8 and i16, a mutable anyref. */
  private static final StructType PAIR =
      StructType.of(
          FieldType.mutable(ValType.I32),
          FieldType.of(ValType.I64),
          FieldType.mutable(PackedType.I8),
          FieldType.mutable(PackedType.I16),
          FieldType.mutable(RefType.ANYREF));

  private static final ArrayType BYTES = ArrayType.of(FieldType.mutable(PackedType.I8));
  private static final ArrayType LONGS = ArrayType.of(FieldType.mutable(ValType.I64));
  private static final ArrayType FIXED = ArrayType.of(FieldType.of(ValType.I32));

  private static final String GC =
      """
      (module
        (import "host" "keep" (func $keep (param structref) (result anyref)))
        (type $pair (struct (field $a (mut i32)) (field $b i64) (field $c (mut i8))
                            (field $d (mut i16)) (field $e (mut anyref))))
        (type $bytes (array (mut i8)))
        (type $longs (array (mut i64)))
        (type $fixed (array i32))
        (global $g31 (export "g31") (mut i31ref) (ref.i31 (i32.const 7)))
        (table $t31 (export "t31") 4 i31ref)
        (func (export "i31") (param i32) (result i31ref) (ref.i31 (local.get 0)))
        (func (export "i31_s") (param i31ref) (result i32) (i31.get_s (local.get 0)))
        (func (export "i31_u") (param i31ref) (result i32) (i31.get_u (local.get 0)))
        (func (export "g31_s") (result i32) (i31.get_s (global.get $g31)))
        (func (export "t31_s") (param i32) (result i32) (i31.get_s (table.get $t31 (local.get 0))))
        (func (export "t31_set") (param i32 i32)
          (table.set $t31 (local.get 0) (ref.i31 (local.get 1))))
        (func (export "pair") (param i32 i64) (result (ref $pair))
          (struct.new $pair (local.get 0) (local.get 1) (i32.const 0x1ff) (i32.const -1)
                            (ref.null any)))
        (func (export "pair_a") (param (ref $pair)) (result i32) (struct.get $pair $a (local.get 0)))
        (func (export "pair_b") (param (ref $pair)) (result i64) (struct.get $pair $b (local.get 0)))
        (func (export "pair_c_s") (param (ref $pair)) (result i32)
          (struct.get_s $pair $c (local.get 0)))
        (func (export "pair_d_u") (param (ref $pair)) (result i32)
          (struct.get_u $pair $d (local.get 0)))
        (func (export "pair_e") (param (ref $pair)) (result anyref)
          (struct.get $pair $e (local.get 0)))
        (func (export "set_a") (param (ref $pair) i32) (struct.set $pair $a (local.get 0) (local.get 1)))
        (func (export "bytes") (param i32 i32) (result (ref $bytes))
          (array.new $bytes (local.get 1) (local.get 0)))
        (func (export "byte_s") (param (ref $bytes) i32) (result i32)
          (array.get_s $bytes (local.get 0) (local.get 1)))
        (func (export "byte_u") (param (ref $bytes) i32) (result i32)
          (array.get_u $bytes (local.get 0) (local.get 1)))
        (func (export "sum") (param (ref $longs)) (result i64) (local $i i32) (local $s i64)
          (block $done
            (loop $next
              (br_if $done (i32.ge_u (local.get $i) (array.len (local.get 0))))
              (local.set $s (i64.add (local.get $s)
                                     (array.get $longs (local.get 0) (local.get $i))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $next)))
          (local.get $s))
        (func (export "fixed") (result (ref $fixed))
          (array.new_fixed $fixed 3 (i32.const 1) (i32.const 2) (i32.const 3)))
        (func (export "len") (param arrayref) (result i32) (array.len (local.get 0)))
        (func (export "eq") (param eqref eqref) (result i32) (ref.eq (local.get 0) (local.get 1)))
        (func (export "struct_id") (param structref) (result structref) (local.get 0))
        (func (export "array_id") (param arrayref) (result arrayref) (local.get 0))
        (func (export "any_id") (param anyref) (result anyref) (local.get 0))
        (func (export "is_struct") (param anyref) (result i32) (ref.test (ref struct) (local.get 0)))
        (func (export "internalize") (param externref) (result anyref)
          (any.convert_extern (local.get 0)))
        (func (export "externalize") (param anyref) (result externref)
          (extern.convert_any (local.get 0)))
        (func (export "via_host") (param structref) (result anyref) (call $keep (local.get 0))))
      """;

  private final List<Value> seenByHost = new ArrayList<>();

  private Instance gc() {
    seenByHost.clear(); // the class's tests share this field
    return store.instantiate(
        wat(GC),
        Imports.builder()
            .func(
                "host",
                "keep",
                FuncType.of(List.of(RefType.STRUCTREF), List.of(RefType.ANYREF)),
                (c, a) -> {
                  seenByHost.add(a[0]);
                  return new Value[] {Value.anyRef(a[0].structRef().orElseThrow())};
                })
            .build());
  }

  private static int i32(Instance i, String name, Value... args) {
    return func(i, name).call(args)[0].i32();
  }

  @Test
  void i31BothWaysSignedAndUnsigned() {
    Instance i = gc();
    I31Ref minusOne = func(i, "i31").call(Value.i32(-1))[0].i31Ref().orElseThrow();
    assertEquals(-1, minusOne.signed());
    assertEquals(0x7FFF_FFFF, minusOne.unsigned());
    assertEquals(I31Ref.of(-1), minusOne, "an i31 is a value: equal whichever side made it");
    assertEquals(-5, i32(i, "i31_s", Value.i31Ref(-5)));
    assertEquals(0x7FFF_FFFB, i32(i, "i31_u", Value.i31Ref(-5)));
    // bit 31 is dropped on the way in, as ref.i31 drops it
    assertEquals(0x4000_0000, i32(i, "i31_u", Value.i31Ref(0xC000_0000)));
    assertEquals(-0x4000_0000, i32(i, "i31_s", Value.i31Ref(0xC000_0000)));
    assertEquals(
        I31Ref.of(9), func(i, "any_id").call(Value.anyRef(I31Ref.of(9)))[0].anyRef().get());
  }

  @Test
  void i31Globals() {
    Instance i = gc();
    Global g = i.global("g31").orElseThrow();
    assertEquals(GlobalType.mutable(RefType.I31REF), g.type());
    assertEquals(7, g.get().i31Ref().orElseThrow().signed());
    g.set(Value.i31Ref(-300));
    assertEquals(-300, i32(i, "g31_s"));
    g.set(Value.nullRef(RefType.I31REF));
    assertTrue(g.get().isNull());
    Global host = store.newGlobal(GlobalType.mutable(RefType.I31REF), Value.i31Ref(1 << 29));
    assertEquals(1 << 29, host.get().i31Ref().orElseThrow().signed());
    assertThrows(
        IllegalArgumentException.class, () -> host.set(Value.i32(3)), "an i32 is not an i31ref");
  }

  @Test
  void i31Tables() {
    Instance i = gc();
    Table t = i.table("t31").orElseThrow();
    assertTrue(t.get(0).isNull());
    t.set(1, Value.i31Ref(-77));
    assertEquals(-77, i32(i, "t31_s", Value.i32(1)));
    func(i, "t31_set").call(Value.i32(2), Value.i32(0x7FFF_FFFF));
    I31Ref back = t.get(2).i31Ref().orElseThrow();
    assertEquals(-1, back.signed());
    assertEquals(0x7FFF_FFFF, back.unsigned());
    Table host = store.newTable(TableType.of(RefType.I31REF, 2), Value.i31Ref(4));
    assertEquals(4, host.get(1).i31Ref().orElseThrow().unsigned());
    TrapException nullRead =
        assertThrows(TrapException.class, () -> func(i, "t31_s").call(Value.i32(0)));
    assertEquals(TrapKind.NULL_REFERENCE, nullRead.kind(), nullRead.getMessage());
  }

  @Test
  void structsMadeByWasmReadAndWrittenByTheHost() {
    Instance i = gc();
    Value v = func(i, "pair").call(Value.i32(5), Value.i64(1L << 40))[0];
    StructRef s = v.structRef().orElseThrow();
    assertEquals(5, s.fieldCount());
    assertEquals(PAIR, s.type());
    assertEquals(5, s.field(0).i32());
    assertEquals(1L << 40, s.field(1).i64());
    assertEquals(0xFF, s.field(2).i32(), "packed fields read zero-extended");
    assertEquals(0xFFFF, s.field(3).i32(), "packed fields read zero-extended");
    assertTrue(s.field(4).isNull());

    s.setField(0, Value.i32(-8));
    assertEquals(-8, i32(i, "pair_a", v));
    s.setField(2, Value.i32(0x1234));
    assertEquals(0x34, s.field(2).i32(), "an i8 field keeps the low 8 bits");
    assertEquals(0x34, i32(i, "pair_c_s", v));
    s.setField(3, Value.i32(-2));
    assertEquals(0xFFFE, i32(i, "pair_d_u", v));
    Object mine = new StringBuilder("field");
    s.setField(4, Value.anyRef(mine));
    assertSame(mine, func(i, "pair_e").call(v)[0].anyRef().orElseThrow());

    func(i, "set_a").call(v, Value.i32(99));
    assertEquals(99, s.field(0).i32(), "the host sees wasm's writes");
  }

  @Test
  void structFieldErrorsAreTyped() {
    Instance i = gc();
    StructRef s = func(i, "pair").call(Value.i32(1), Value.i64(2))[0].structRef().orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> s.setField(1, Value.i64(3)), "immutable");
    assertEquals(2, s.field(1).i64(), "a refused write changes nothing");
    assertThrows(IllegalArgumentException.class, () -> s.setField(0, Value.i64(3)));
    assertThrows(IllegalArgumentException.class, () -> s.setField(4, Value.externRef("x")));
    assertThrows(IndexOutOfBoundsException.class, () -> s.field(5));
    assertThrows(IndexOutOfBoundsException.class, () -> s.field(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> s.setField(5, Value.i32(0)));
  }

  @Test
  void arraysMadeByWasmReadAndWrittenByTheHost() {
    Instance i = gc();
    Value v = func(i, "bytes").call(Value.i32(4), Value.i32(0x1FF))[0];
    ArrayRef a = v.arrayRef().orElseThrow();
    assertEquals(4, a.length());
    assertEquals(BYTES, a.type());
    assertEquals(0xFF, a.get(3).i32(), "packed elements read zero-extended");
    a.set(1, Value.i32(-56));
    assertEquals(-56, i32(i, "byte_s", v, Value.i32(1)));
    assertEquals(200, i32(i, "byte_u", v, Value.i32(1)));
    assertEquals(200, a.get(1).i32());
    assertEquals(4, i32(i, "len", v));

    assertThrows(IndexOutOfBoundsException.class, () -> a.get(4));
    assertThrows(IndexOutOfBoundsException.class, () -> a.set(-1, Value.i32(0)));
    assertThrows(IllegalArgumentException.class, () -> a.set(0, Value.f32(1)));

    ArrayRef fixed = func(i, "fixed").call()[0].arrayRef().orElseThrow();
    assertEquals(FIXED, fixed.type());
    assertEquals(
        List.of(1, 2, 3), List.of(fixed.get(0).i32(), fixed.get(1).i32(), fixed.get(2).i32()));
    assertThrows(IllegalArgumentException.class, () -> fixed.set(0, Value.i32(9)), "immutable");
    assertEquals(1, fixed.get(0).i32());
  }

  @Test
  void structsAndArraysMadeByTheHostAreReadByWasm() {
    Instance i = gc();
    Object payload = new Object();
    StructRef s =
        store.newStruct(
            PAIR,
            Value.i32(41),
            Value.i64(-7),
            Value.i32(0x180),
            Value.i32(0x12345),
            Value.anyRef(payload));
    Value v = Value.structRef(s);
    assertEquals(PAIR, s.type());
    assertEquals(41, i32(i, "pair_a", v), "the host's struct type is the module's $pair");
    assertEquals(-7, func(i, "pair_b").call(v)[0].i64());
    assertEquals(-128, i32(i, "pair_c_s", v));
    assertEquals(0x2345, i32(i, "pair_d_u", v));
    assertSame(payload, func(i, "pair_e").call(v)[0].anyRef().orElseThrow());

    StructRef back = func(i, "struct_id").call(v)[0].structRef().orElseThrow();
    assertTrue(back.sameAs(s), "the same struct comes back");
    back.setField(0, Value.i32(42));
    assertEquals(42, s.field(0).i32());

    ArrayRef longs = store.newArray(LONGS, Value.i64(1), Value.i64(2), Value.i64(40));
    assertEquals(43L, func(i, "sum").call(Value.arrayRef(longs))[0].i64());
    ArrayRef filled = store.newArray(BYTES, 3, Value.i32(200));
    Value f = Value.arrayRef(filled);
    assertEquals(3, i32(i, "len", f));
    assertEquals(-56, i32(i, "byte_s", f, Value.i32(2)));
    assertEquals(200, filled.get(0).i32());
    assertTrue(func(i, "array_id").call(f)[0].arrayRef().orElseThrow().sameAs(filled));
    assertEquals(0, store.newArray(LONGS).length());
  }

  @Test
  void hostAllocationErrorsAreTyped() {
    assertThrows(IllegalArgumentException.class, () -> store.newStruct(PAIR, Value.i32(1)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            store.newStruct(
                PAIR,
                Value.i64(1),
                Value.i64(2),
                Value.i32(3),
                Value.i32(4),
                Value.nullRef(RefType.ANYREF)));
    assertThrows(IllegalArgumentException.class, () -> store.newArray(LONGS, Value.i32(1)));
    assertThrows(IllegalArgumentException.class, () -> store.newArray(LONGS, -1, Value.i64(0)));
    assertThrows(IllegalArgumentException.class, () -> store.newArray(LONGS, 2, Value.f64(0)));
  }

  @Test
  void typedReferencesOfTheAnyHierarchy() {
    Instance i = gc();
    StructRef s = store.newStruct(PAIR, pairValues(1));
    StructRef t = store.newStruct(PAIR, pairValues(1));
    ArrayRef a = store.newArray(LONGS, Value.i64(1));
    assertEquals(1, i32(i, "eq", Value.structRef(s), Value.structRef(s)));
    assertEquals(0, i32(i, "eq", Value.structRef(s), Value.structRef(t)), "equal contents");
    assertEquals(1, i32(i, "eq", Value.i31Ref(3), Value.i31Ref(3)));
    assertEquals(0, i32(i, "eq", Value.i31Ref(3), Value.arrayRef(a)));
    assertEquals(1, i32(i, "eq", Value.nullRef(RefType.EQREF), Value.nullRef(RefType.EQREF)));
    assertTrue(s.sameAs(s));
    assertFalse(s.sameAs(t));
    assertFalse(a.sameAs(s));

    assertEquals(1, i32(i, "is_struct", Value.anyRef(s)));
    assertEquals(0, i32(i, "is_struct", Value.anyRef(a)));
    assertEquals(0, i32(i, "is_struct", Value.anyRef(new Object())));
    Value any = func(i, "any_id").call(Value.anyRef(a))[0];
    assertInstanceOf(ArrayRef.class, any.anyRef().orElseThrow());
    assertTrue(any.arrayRef().orElseThrow().sameAs(a));
    assertTrue(func(i, "struct_id").call(Value.nullRef(RefType.STRUCTREF))[0].isNull());
  }

  @Test
  void argumentsOfTheWrongReferenceKindAreRefused() {
    Instance i = gc();
    ArrayRef a = store.newArray(LONGS, Value.i64(1));
    StructRef empty = store.newStruct(StructType.of());
    assertAll(
        () ->
            assertThrows(
                IllegalArgumentException.class,
                () -> func(i, "struct_id").call(Value.arrayRef(a)),
                "an array is not a structref"),
        () ->
            assertThrows(
                IllegalArgumentException.class,
                () -> func(i, "len").call(Value.i31Ref(1)),
                "an i31 is not an arrayref"),
        () ->
            assertThrows(
                IllegalArgumentException.class,
                () -> func(i, "pair_a").call(Value.structRef(empty)),
                "a struct of another type is not a (ref $pair)"),
        () ->
            assertThrows(
                IllegalArgumentException.class,
                () -> func(i, "any_id").call(Value.externRef(new Object())),
                "an externref is not an anyref"),
        () ->
            assertThrows(
                IllegalArgumentException.class,
                () -> i.global("g31").orElseThrow().set(Value.structRef(empty)),
                "a struct is not an i31ref global's value"),
        () ->
            assertThrows(
                IllegalArgumentException.class,
                () -> i.table("t31").orElseThrow().set(0, Value.arrayRef(a)),
                "an array is not an i31ref table's element"));
  }

  private static Value[] pairValues(int a) {
    return new Value[] {
      Value.i32(a), Value.i64(0), Value.i32(0), Value.i32(0), Value.nullRef(RefType.ANYREF)
    };
  }

  @Test
  void hostObjectsRoundTripAsAnyref() {
    Instance i = gc();
    Object o = new StringBuilder("host");
    assertSame(o, func(i, "any_id").call(Value.anyRef(o))[0].anyRef().orElseThrow());
    assertSame(o, func(i, "externalize").call(Value.anyRef(o))[0].externRef().orElseThrow());
    assertSame(o, func(i, "internalize").call(Value.externRef(o))[0].anyRef().orElseThrow());
    Value out = func(i, "externalize").call(Value.anyRef(o))[0];
    assertSame(o, func(i, "internalize").call(out)[0].anyRef().orElseThrow(), "and back again");
    assertTrue(func(i, "internalize").call(Value.nullRef(RefType.EXTERNREF))[0].isNull());
    assertThrows(IllegalArgumentException.class, () -> Value.anyRef(Value.i32(1)));
  }

  @Test
  void hostFunctionsTakeAndReturnGcReferences() {
    Instance i = gc();
    StructRef s = store.newStruct(PAIR, pairValues(12));
    Value out = func(i, "via_host").call(Value.structRef(s))[0];
    assertEquals(1, seenByHost.size());
    assertTrue(seenByHost.get(0).structRef().orElseThrow().sameAs(s));
    assertTrue(out.structRef().orElseThrow().sameAs(s));
    assertEquals(12, out.structRef().orElseThrow().field(0).i32());
  }

  @Test
  void handlesDieWithTheirStore() {
    Instance i = gc();
    StructRef s = func(i, "pair").call(Value.i32(1), Value.i64(2))[0].structRef().orElseThrow();
    ArrayRef a = store.newArray(LONGS, Value.i64(1));
    store.close();
    assertThrows(IllegalStateException.class, () -> s.field(0));
    assertThrows(IllegalStateException.class, () -> s.setField(0, Value.i32(1)));
    assertThrows(IllegalStateException.class, () -> a.get(0));
    assertThrows(IllegalStateException.class, a::length);
  }
}
