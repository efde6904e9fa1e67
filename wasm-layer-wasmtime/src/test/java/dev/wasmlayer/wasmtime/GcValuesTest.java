package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.ArrayRef;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Func;
import dev.wasmlayer.I31Ref;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.StructRef;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.Gc;
import dev.wasmlayer.types.ArrayType;
import dev.wasmlayer.types.FieldType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.HeapType;
import dev.wasmlayer.types.PackedType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.StructType;
import dev.wasmlayer.types.ValType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** GC references across wasmtime's boundary, and what the layer roots for them. */
@Timeout(120)
class GcValuesTest {
  private static final String WAT =
      """
      (module
        (type $point (struct (field $x (mut i32)) (field $y i64)))
        (type $bytes (array (mut i8)))
        (type $boxes (array (mut anyref)))
        (func $cb (import "host" "cb") (param anyref) (result anyref))
        (func (export "point") (param i32 i64) (result (ref $point))
          (struct.new $point (local.get 0) (local.get 1)))
        (func (export "x") (param (ref $point)) (result i32)
          (struct.get $point $x (local.get 0)))
        (func (export "bytes") (param i32) (result (ref $bytes))
          (array.new $bytes (i32.const 200) (local.get 0)))
        (func (export "byte") (param (ref $bytes) i32) (result i32)
          (array.get_s $bytes (local.get 0) (local.get 1)))
        (func (export "len") (param arrayref) (result i32)
          (array.len (local.get 0)))
        (func (export "i31") (param i32) (result i31ref) (ref.i31 (local.get 0)))
        (func (export "i31s") (param i31ref) (result i32) (i31.get_s (local.get 0)))
        (func (export "id") (param anyref) (result anyref) (local.get 0))
        (func (export "eqref") (param eqref) (result eqref) (local.get 0))
        (func (export "ext") (param anyref) (result externref) (extern.convert_any (local.get 0)))
        (func (export "int") (param externref) (result anyref) (any.convert_extern (local.get 0)))
        (func (export "is_struct") (param anyref) (result i32)
          (ref.test (ref struct) (local.get 0)))
        (func (export "via_host") (param anyref) (result anyref) (call $cb (local.get 0)))
        (global (export "g") (mut anyref) (ref.null any))
        (table (export "t") 2 anyref))
      """;

  private static final StructType POINT =
      StructType.of(FieldType.mutable(ValType.I32), FieldType.of(ValType.I64));
  private static final ArrayType BYTES = ArrayType.of(FieldType.mutable(PackedType.I8));

  private Engine engine;
  private Store<Void> store;
  private Instance instance;

  @BeforeEach
  void setUp() {
    engine = Engines.create(WasmtimeEngineProvider.ID, EngineConfig.defaults());
    store = engine.newStore(null);
    Imports imports =
        Imports.builder()
            .func(
                "host",
                "cb",
                FuncType.of(ValType.ANYREF, ValType.ANYREF),
                (c, args) -> new Value[] {args[0]})
            .build();
    try (Module m = engine.compile(WAT.getBytes(StandardCharsets.UTF_8))) {
      instance = store.instantiate(m, imports);
    }
  }

  @AfterEach
  void tearDown() {
    store.close();
    engine.close();
  }

  private Func f(String name) {
    return instance.func(name).orElseThrow();
  }

  @Test
  void aStructMadeByWasmIsReadAndWrittenByTheHost() {
    StructRef p = f("point").call(Value.i32(7), Value.i64(-9))[0].structRef().orElseThrow();
    assertEquals(2, p.fieldCount());
    assertEquals(Value.i32(7), p.field(0));
    assertEquals(Value.i64(-9), p.field(1));
    assertEquals(POINT, p.type());
    p.setField(0, Value.i32(42));
    assertEquals(42, f("x").call(Value.structRef(p))[0].i32());
    assertThrows(IllegalArgumentException.class, () -> p.setField(1, Value.i64(1)));
    assertThrows(IllegalArgumentException.class, () -> p.setField(0, Value.i64(1)));
    assertThrows(IndexOutOfBoundsException.class, () -> p.field(2));
  }

  @Test
  void concreteHeapTypesKeepTheModulesTypeIndex() {
    RefType point = RefType.of(false, HeapType.concrete(0));
    assertEquals(point, f("x").type().params().get(0));
    assertEquals(FuncType.of(List.of(ValType.I32, ValType.I64), List.of(point)), f("point").type());
    assertEquals(RefType.of(false, HeapType.concrete(1)), f("byte").type().params().get(0));
  }

  @Test
  void aHostFunctionMayTakeTheImportsConcreteType() {
    String wat =
        """
        (module
          (type $point (struct (field $x (mut i32)) (field $y i64)))
          (import "h" "getx" (func $getx (param (ref $point)) (result i32)))
          (func (export "run") (param i32) (result i32)
            (call $getx (struct.new $point (local.get 0) (i64.const 0)))))
        """;
    RefType point = RefType.of(false, HeapType.concrete(0));
    Imports imports =
        Imports.builder()
            .func(
                "h",
                "getx",
                FuncType.of(point, ValType.I32),
                (c, args) -> new Value[] {args[0].structRef().orElseThrow().field(0)})
            .build();
    try (Module m = engine.compile(wat.getBytes(StandardCharsets.UTF_8))) {
      assertEquals(
          FuncType.of(point, ValType.I32), m.imports().get(0).type(), "the import's own type");
      assertEquals(
          41, store.instantiate(m, imports).func("run").orElseThrow().call(Value.i32(41))[0].i32());
      try (Store<Void> other = engine.newStore(null)) {
        var pre = dev.wasmlayer.Linker.of(engine).define(imports).instantiatePre(m);
        assertEquals(
            9, pre.instantiate(other).func("run").orElseThrow().call(Value.i32(9))[0].i32());
      }
    }
  }

  @Test
  void aStructMadeByTheHostIsTheModulesType() {
    StructRef p = store.newStruct(POINT, Value.i32(5), Value.i64(6));
    assertEquals(5, f("x").call(Value.structRef(p))[0].i32());
    Value back = f("id").call(Value.structRef(p))[0];
    assertTrue(back.structRef().orElseThrow().sameAs(p));
    assertFalse(store.newStruct(POINT, Value.i32(5), Value.i64(6)).sameAs(p));
    assertThrows(IllegalArgumentException.class, () -> store.newStruct(POINT, Value.i32(5)));
  }

  @Test
  void packedArraysReadZeroExtendedOnTheHostAndSignedInWasm() {
    ArrayRef a = f("bytes").call(Value.i32(3))[0].arrayRef().orElseThrow();
    assertEquals(3, a.length());
    assertEquals(200, a.get(0).i32());
    a.set(1, Value.i32(0x1FF));
    assertEquals(-1, f("byte").call(Value.arrayRef(a), Value.i32(1))[0].i32());
    assertEquals(255, a.get(1).i32());
    assertThrows(IndexOutOfBoundsException.class, () -> a.get(3));
    ArrayRef h = store.newArray(BYTES, Value.i32(1), Value.i32(2), Value.i32(3));
    assertEquals(3, f("len").call(Value.arrayRef(h))[0].i32());
    assertEquals(2, f("byte").call(Value.arrayRef(h), Value.i32(1))[0].i32());
    assertEquals(1000, store.newArray(BYTES, 1000, Value.i32(9)).length());
  }

  @Test
  void i31sCrossBothWays() {
    Value v = f("i31").call(Value.i32(-5))[0];
    assertEquals(I31Ref.of(-5), v.i31Ref().orElseThrow());
    assertEquals(-5, v.i31Ref().orElseThrow().signed());
    assertEquals(0x7FFF_FFFB, v.i31Ref().orElseThrow().unsigned());
    assertEquals(-5, f("i31s").call(Value.i31Ref(-5))[0].i32());
    assertEquals(v, f("eqref").call(v)[0]);
  }

  @Test
  void hostObjectsRoundTripAsAnyref() {
    Object mine = new Object();
    assertSame(mine, f("id").call(Value.anyRef(mine))[0].anyRef().orElseThrow());
    assertSame(mine, f("via_host").call(Value.anyRef(mine))[0].anyRef().orElseThrow());
    assertEquals(0, f("is_struct").call(Value.anyRef(mine))[0].i32());
    assertSame(mine, f("int").call(Value.externRef(mine))[0].anyRef().orElseThrow());
    Value ext = f("ext").call(Value.anyRef(mine))[0];
    assertSame(mine, ext.externRef().orElseThrow());
    StructRef p = store.newStruct(POINT, Value.i32(1), Value.i64(2));
    Value extStruct = f("ext").call(Value.structRef(p))[0];
    assertTrue(((StructRef) extStruct.externRef().orElseThrow()).sameAs(p));
    Value back = f("int").call(extStruct)[0];
    assertTrue(back.structRef().orElseThrow().sameAs(p));
  }

  @Test
  void globalsAndTablesHoldGcReferences() {
    StructRef p = store.newStruct(POINT, Value.i32(3), Value.i64(4));
    var g = instance.global("g").orElseThrow();
    g.set(Value.structRef(p));
    assertTrue(g.get().structRef().orElseThrow().sameAs(p));
    g.set(Value.i31Ref(12));
    assertEquals(12, g.get().i31Ref().orElseThrow().signed());
    var t = instance.table("t").orElseThrow();
    t.set(1, Value.anyRef("hello"));
    assertEquals("hello", t.get(1).anyRef().orElseThrow());
    assertTrue(t.get(0).isNull());
    assertEquals(RefType.ANYREF, t.get(0).type());
  }

  /** A view of {@code x}: a struct handle for a {@code (ref $point)} parameter. */
  public interface PointX {
    int x(StructRef point);
  }

  /** A view of {@code i31}. */
  public interface MakeI31 {
    I31Ref make(int value);
  }

  /** Host functions bound from a class. */
  public static final class Host {
    @dev.wasmlayer.bind.WasmImport
    public ArrayRef echo(ArrayRef a) {
      return a;
    }
  }

  @Test
  void typedViewsAndBindingsTakeGcReferences() {
    StructRef p = store.newStruct(POINT, Value.i32(11), Value.i64(0));
    assertEquals(11, f("x").typed(PointX.class).x(p));
    assertEquals(-3, f("i31").typed(MakeI31.class).make(-3).signed());
    String wat =
        """
        (module
          (import "h" "echo" (func $echo (param arrayref) (result arrayref)))
          (func (export "run") (param arrayref) (result i32)
            (array.len (call $echo (local.get 0)))))
        """;
    try (Module m = engine.compile(wat.getBytes(StandardCharsets.UTF_8))) {
      Instance i = store.instantiate(m, Imports.builder().bind("h", new Host()).build());
      ArrayRef a = store.newArray(BYTES, 7, Value.i32(0));
      assertEquals(7, i.func("run").orElseThrow().call(Value.arrayRef(a))[0].i32());
    }
  }

  @Test
  void theStoresMemoryCapBoundsItsGcHeap() {
    String wat =
        """
        (module
          (type $bytes (array (mut i8)))
          (func (export "big") (param i32) (result i32)
            (array.len (array.new_default $bytes (local.get 0)))))
        """;
    try (Store<Void> capped =
            engine.newStore(null, StoreConfig.builder().maxMemoryBytes(16 << 20).build());
        Module m = engine.compile(wat.getBytes(StandardCharsets.UTF_8))) {
      Func big = capped.instantiate(m).func("big").orElseThrow();
      for (int guestChosen : new int[] {32 << 20, Integer.MAX_VALUE, -1}) {
        assertThrows(TrapException.class, () -> big.call(Value.i32(guestChosen)));
      }
      assertEquals(1000, big.call(Value.i32(1000))[0].i32()); // the store is still usable
      assertThrows(
          LimitException.class, () -> capped.newArray(BYTES, Integer.MAX_VALUE, Value.i32(0)));
      assertEquals(4, capped.newArray(BYTES, 4, Value.i32(0)).length());
    }
  }

  @Test
  void aHandleOfAClosedStoreIsRefused() {
    StructRef p = store.newStruct(POINT, Value.i32(1), Value.i64(2));
    store.close();
    assertThrows(IllegalStateException.class, () -> p.field(0));
  }

  @Test
  void aCloseFromAnotherThreadWhileHandlesAreInUseIsSafe() throws Exception {
    StructRef p = store.newStruct(POINT, Value.i32(1), Value.i64(2));
    ArrayRef a = store.newArray(BYTES, 16, Value.i32(3));
    CountDownLatch running = new CountDownLatch(1);
    ExecutorService user = Executors.newSingleThreadExecutor();
    try {
      Future<Throwable> ended =
          user.submit(
              () -> {
                try {
                  for (long n = 0; ; n++) {
                    p.setField(0, Value.i32((int) n));
                    a.set((int) (n & 15), p.field(0));
                    store.newStruct(POINT, Value.i32(0), Value.i64(n));
                    running.countDown();
                  }
                } catch (RuntimeException e) {
                  return e;
                }
              });
      assertTrue(running.await(30, TimeUnit.SECONDS));
      store.close(); // from this thread, while the other is inside accesses
      assertInstanceOf(IllegalStateException.class, ended.get(30, TimeUnit.SECONDS));
      assertEquals(0, ((WasmtimeStore<?>) store).roots().size());
    } finally {
      user.shutdownNow();
    }
  }

  @Test
  void aHandleOfAnotherStoreIsRefused() {
    try (Store<Void> other = engine.newStore(null)) {
      StructRef p = other.newStruct(POINT, Value.i32(1), Value.i64(2));
      assertThrows(IllegalArgumentException.class, () -> f("x").call(Value.structRef(p)));
    }
  }

  @Test
  void rootsOfDroppedHandlesAreReleased() throws InterruptedException {
    WasmtimeStore<?> s = (WasmtimeStore<?>) store;
    Func x = f("x");
    Func len = f("len");
    for (int i = 0; i < 100_000; i++) {
      StructRef p = store.newStruct(POINT, Value.i32(i), Value.i64(i));
      assertEquals(i, x.call(Value.structRef(p))[0].i32());
      ArrayRef a = store.newArray(BYTES, 4, Value.i32(i));
      assertEquals(4, len.call(Value.arrayRef(a))[0].i32());
    }
    assertTrue(
        Gc.collectUntil(() -> s.roots().size() < 1_000, Duration.ofSeconds(30)),
        "roots still held: " + s.roots().size());
    StructRef kept = store.newStruct(POINT, Value.i32(1), Value.i64(2));
    store.close();
    assertEquals(0, s.roots().size());
    assertInstanceOf(IllegalStateException.class, assertThrows(RuntimeException.class, kept::type));
  }
}
