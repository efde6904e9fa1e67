package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Feature;
import dev.wasmlayer.Func;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Table;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.types.ValType;
import org.junit.jupiter.api.Test;

/**
 * Tables from the host: get, set, grow, bounds, externref tables and host-created tables as
 * imports.
 */
@RequiresFeature(Feature.REFERENCE_TYPES)
class TablesTest extends TckBase {
  @Test
  void exportedTableTypeAndSize() {
    Table t = instantiate("refs").table("table").orElseThrow();
    assertEquals(TableType.of(ValType.FUNCREF, 4, 10), t.type());
    assertEquals(4, t.size());
  }

  @Test
  void getSetAndCallThroughATable() {
    Instance i = instantiate("refs");
    Table t = i.table("table").orElseThrow();
    assertEquals(42, t.get(0).funcRef().orElseThrow().call(Value.i32(21))[0].i32());
    assertTrue(t.get(2).isNull());
    t.set(2, Value.funcRef(func(i, "inc")));
    assertEquals(6, func(i, "call_at").call(Value.i32(2), Value.i32(5))[0].i32());
    assertEquals(
        func(i, "inc"), func(i, "table_get").call(Value.i32(2))[0].funcRef().orElseThrow());
    t.set(0, Value.nullRef(ValType.FUNCREF));
    TrapException e =
        assertThrows(
            TrapException.class, () -> func(i, "call_at").call(Value.i32(0), Value.i32(1)));
    assertEquals(TrapKind.INDIRECT_CALL_TO_NULL, e.kind());
  }

  @Test
  void growRespectsTheMaximum() {
    Instance i = instantiate("refs");
    Table t = i.table("table").orElseThrow();
    assertEquals(4, t.grow(3, Value.funcRef(func(i, "double"))));
    assertEquals(7, t.size());
    assertEquals(7, func(i, "table_size").call()[0].i32());
    assertEquals(18, func(i, "call_at").call(Value.i32(6), Value.i32(9))[0].i32());
    assertEquals(
        -1, t.grow(4, Value.nullRef(ValType.FUNCREF)), "past the maximum fails as table.grow does");
    assertEquals(7, t.size());
  }

  @Test
  void growingOneInstancesTableDoesNotChangeTheNext() {
    Table first = instantiate("refs").table("table").orElseThrow();
    assertEquals(4, first.grow(5, Value.nullRef(ValType.FUNCREF)));
    Table second = instantiate("refs").table("table").orElseThrow();
    assertEquals(4, second.size(), "a new instance starts at the declared size");
    assertEquals(
        TableType.of(ValType.FUNCREF, 4, 10),
        module("refs").exports().stream()
            .filter(e -> e.name().equals("table"))
            .findFirst()
            .orElseThrow()
            .type());
  }

  @Test
  void outOfBoundsAccessTraps() {
    Table t = instantiate("refs").table("table").orElseThrow();
    assertEquals(
        TrapKind.TABLE_OUT_OF_BOUNDS, assertThrows(TrapException.class, () -> t.get(4)).kind());
    assertEquals(
        TrapKind.TABLE_OUT_OF_BOUNDS,
        assertThrows(TrapException.class, () -> t.set(-1, Value.nullRef(ValType.FUNCREF))).kind());
  }

  @Test
  void externrefTablesKeepIdentity() {
    Instance i = instantiate("refs");
    Table e = i.table("etable").orElseThrow();
    Object o = new Object();
    e.set(1, Value.externRef(o));
    assertSame(o, func(i, "load_extern").call(Value.i32(1))[0].externRef().orElseThrow());
    Object p = new Object();
    func(i, "store_extern").call(Value.i32(0), Value.externRef(p));
    assertSame(p, e.get(0).externRef().orElseThrow());
    assertThrows(IllegalArgumentException.class, () -> e.set(0, Value.funcRef(func(i, "inc"))));
  }

  @Test
  void hostCreatedTableAsImport() {
    Instance refs = instantiate("refs");
    Table t = store.newTable(TableType.of(ValType.FUNCREF, 2, 4), Value.nullRef(ValType.FUNCREF));
    assertEquals(2, t.size());
    t.set(0, Value.funcRef(func(refs, "double")));
    t.set(1, Value.funcRef(func(refs, "inc")));
    Instance user = instantiate("table_import", Imports.builder().table("env", "table", t).build());
    assertEquals(10, func(user, "call_at").call(Value.i32(0), Value.i32(5))[0].i32());
    assertEquals(6, func(user, "call_at").call(Value.i32(1), Value.i32(5))[0].i32());
    assertEquals(2, t.grow(1, Value.funcRef(func(refs, "inc"))));
    assertEquals(3, func(user, "size").call()[0].i32());
  }

  @Test
  void hostCreatedTableFilledWithAnInitialValue() {
    Instance refs = instantiate("refs");
    Func dbl = func(refs, "double");
    Table t = store.newTable(TableType.of(ValType.FUNCREF, 3), Value.funcRef(dbl));
    for (int n = 0; n < 3; n++) {
      assertEquals(2 * n, t.get(n).funcRef().orElseThrow().call(Value.i32(n))[0].i32());
    }
    Table e = store.newTable(TableType.of(ValType.EXTERNREF, 1), Value.externRef("init"));
    assertEquals("init", e.get(0).externRef().orElseThrow());
  }
}
