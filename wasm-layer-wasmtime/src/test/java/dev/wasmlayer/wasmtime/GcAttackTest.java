package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.ArrayRef;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.ExnRef;
import dev.wasmlayer.Func;
import dev.wasmlayer.Global;
import dev.wasmlayer.I31Ref;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.StructRef;
import dev.wasmlayer.Table;
import dev.wasmlayer.Tag;
import dev.wasmlayer.ThrownException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.ArrayType;
import dev.wasmlayer.types.FieldType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.StructType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.types.TagType;
import dev.wasmlayer.types.ValType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Misuse and edge cases of GC references and exceptions at wasmtime's boundary: every one must end
 * in a typed exception or the right value, never a JVM abort.
 */
@Timeout(120)
class GcAttackTest {
  private static final String WAT =
      """
      (module
        (type $point (struct (field $x (mut i32)) (field $y i64)))
        (type $node (struct (field $v i32) (field $next (ref null $node))))
        (type $longs (array (mut i64)))
        (type $boxes (array (mut anyref)))
        (type $holder (struct (field $a (mut anyref))))
        (tag $boxed (export "boxed") (param anyref))
        (func (export "nul") (result (ref null $point)) (ref.null $point))
        (func (export "isnull") (param (ref null $point)) (result i32)
          (ref.is_null (local.get 0)))
        (func (export "id") (param anyref) (result anyref) (local.get 0))
        (func (export "list") (param i32) (result (ref null $node))
          (local $head (ref null $node))
          (block $done
            (loop $more
              (br_if $done (i32.eqz (local.get 0)))
              (local.set $head (struct.new $node (local.get 0) (local.get $head)))
              (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
              (br $more)))
          (local.get $head))
        (func (export "longs") (param i32) (result i32)
          (array.len (array.new_default $longs (local.get 0))))
        (func (export "throw_boxed") (param anyref) (throw $boxed (local.get 0)))
        (global (export "gp") (mut (ref null $point)) (ref.null $point))
        (global (export "ga") (mut anyref) (ref.null any))
        (global (export "ge") (mut exnref) (ref.null exn))
        (global (export "gf") (mut funcref) (ref.null func))
        (table (export "ta") 2 anyref))
      """;

  private static final StructType POINT =
      StructType.of(FieldType.mutable(ValType.I32), FieldType.of(ValType.I64));
  private static final StructType HOLDER = StructType.of(FieldType.mutable(ValType.ANYREF));
  private static final ArrayType BOXES = ArrayType.of(FieldType.mutable(ValType.ANYREF));
  private static final ArrayType LONGS = ArrayType.of(FieldType.mutable(ValType.I64));
  private static final TagType ANY_TAG = new TagType(FuncType.ofParams(ValType.ANYREF));

  private Engine engine;
  private Store<Void> store;
  private Instance instance;

  @BeforeEach
  void setUp() {
    engine = Engines.create(WasmtimeEngineProvider.ID, EngineConfig.defaults());
    store = engine.newStore(null);
    try (Module m = engine.compile(WAT.getBytes(StandardCharsets.UTF_8))) {
      instance = store.instantiate(m);
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
  void aReferenceOfTheWrongObjectIsIllegalArgument() {
    Global ge = instance.global("ge").orElseThrow();
    assertThrows(
        IllegalArgumentException.class, () -> ge.set(Value.ref(RefType.EXNREF, "not an exn")));
    Global gf = instance.global("gf").orElseThrow();
    assertThrows(
        IllegalArgumentException.class, () -> gf.set(Value.ref(RefType.FUNCREF, new Object())));
    Func id = f("id");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            store.newException(
                store.newTag(new TagType(FuncType.ofParams(ValType.EXNREF))),
                Value.ref(RefType.EXNREF, id)));
  }

  @Test
  void handlesOfAnotherStoreAreRefusedEverywhere() {
    try (Store<Void> other = engine.newStore(null)) {
      StructRef alien = other.newStruct(POINT, Value.i32(1), Value.i64(2));
      Value v = Value.structRef(alien);
      Tag tag = store.newTag(ANY_TAG);
      StructRef holder = store.newStruct(HOLDER, Value.i31Ref(0));
      ArrayRef boxes = store.newArray(BOXES, 2, Value.i31Ref(0));
      Global ga = instance.global("ga").orElseThrow();
      Table ta = instance.table("ta").orElseThrow();
      List<Executable> misuses =
          List.of(
              () -> f("id").call(v),
              () -> ga.set(v),
              () -> ta.set(0, v),
              () -> ta.grow(1, v),
              () -> holder.setField(0, v),
              () -> boxes.set(0, v),
              () -> store.newArray(BOXES, 3, v),
              () -> store.newArray(BOXES, v, Value.i31Ref(1)),
              () -> store.newStruct(HOLDER, v),
              () -> store.newException(tag, v),
              () -> ga.set(Value.externRef(alien)),
              () -> store.newGlobal(GlobalType.mutable(ValType.ANYREF), v),
              () -> store.newTable(TableType.of(RefType.ANYREF, 1), v));
      for (Executable e : misuses) {
        assertThrows(IllegalArgumentException.class, e);
      }
      ExnRef alienExn = other.newException(other.newTag(ANY_TAG), Value.i31Ref(3));
      assertThrows(
          IllegalArgumentException.class,
          () -> instance.global("ge").orElseThrow().set(Value.exnRef(alienExn)));
      assertThrows(IllegalArgumentException.class, () -> ga.set(Value.anyRef(alienExn)));
      assertEquals(7, holder.field(0).i31Ref().orElseThrow().signed() + 7); // still usable
    }
  }

  @Test
  void aHostResultOfAnotherStoreIsAHostTrap() {
    String wat =
        """
        (module
          (import "h" "give" (func $give (result anyref)))
          (func (export "run") (result anyref) (call $give)))
        """;
    try (Store<Void> other = engine.newStore(null);
        Module m = engine.compile(wat.getBytes(StandardCharsets.UTF_8))) {
      StructRef alien = other.newStruct(POINT, Value.i32(1), Value.i64(2));
      Imports imports =
          Imports.builder()
              .func(
                  "h",
                  "give",
                  FuncType.of(List.of(), List.of(ValType.ANYREF)),
                  (c, args) -> new Value[] {Value.structRef(alien)})
              .build();
      Func run = store.instantiate(m, imports).func("run").orElseThrow();
      TrapException e = assertThrows(TrapException.class, run::call);
      assertEquals(TrapKind.HOST, e.kind());
      assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }
  }

  @Test
  void aTagOfAnotherStoreDoesNotLink() {
    String wat =
        """
        (module (import "a" "t" (tag (param anyref))))
        """;
    try (Store<Void> other = engine.newStore(null);
        Module m = engine.compile(wat.getBytes(StandardCharsets.UTF_8))) {
      Tag alien = other.newTag(ANY_TAG);
      Imports imports = Imports.builder().extern("a", "t", alien).build();
      assertThrows(dev.wasmlayer.LinkException.class, () -> store.instantiate(m, imports));
    }
  }

  @Test
  void hostResultsConvertBetweenExternAndAny() {
    String wat =
        """
        (module
          (import "h" "ext" (func $ext (result externref)))
          (import "h" "any" (func $any (result anyref)))
          (func (export "i31_of_ext") (result i32)
            (i31.get_s (ref.cast (ref i31) (any.convert_extern (call $ext)))))
          (func (export "ext_of_any") (result externref)
            (extern.convert_any (call $any))))
        """;
    Object mine = new Object();
    Imports imports =
        Imports.builder()
            .func(
                "h",
                "ext",
                FuncType.of(List.of(), List.of(ValType.EXTERNREF)),
                (c, args) -> new Value[] {Value.externRef(I31Ref.of(-4))})
            .func(
                "h",
                "any",
                FuncType.of(List.of(), List.of(ValType.ANYREF)),
                (c, args) -> new Value[] {Value.anyRef(mine)})
            .build();
    try (Module m = engine.compile(wat.getBytes(StandardCharsets.UTF_8))) {
      Instance i = store.instantiate(m, imports);
      assertEquals(-4, i.func("i31_of_ext").orElseThrow().call()[0].i32());
      assertSame(mine, i.func("ext_of_any").orElseThrow().call()[0].externRef().orElseThrow());
    }
  }

  @Test
  void anExceptionWhosePayloadHoldsAStructComesOutWithIt() {
    StructRef p = store.newStruct(POINT, Value.i32(5), Value.i64(6));
    ThrownException e =
        assertThrows(ThrownException.class, () -> f("throw_boxed").call(Value.structRef(p)));
    assertTrue(e.payload().get(0).structRef().orElseThrow().sameAs(p));
    ExnRef made = store.newException(instance.tag("boxed").orElseThrow(), Value.anyRef("s"));
    assertEquals("s", made.payload().get(0).anyRef().orElseThrow());
  }

  @Test
  void aLongListBuiltByWasmIsWalkedByTheHost() {
    int n = 20_000;
    Value head = f("list").call(Value.i32(n))[0];
    int seen = 0;
    for (Value at = head; !at.isNull(); at = at.structRef().orElseThrow().field(1)) {
      seen++;
      assertEquals(seen, at.structRef().orElseThrow().field(0).i32());
    }
    assertEquals(n, seen);
  }

  @Test
  void aGuestChosenHugeArrayIsATrapAndTheHostsALimitOrRefusal() {
    for (int len : new int[] {Integer.MAX_VALUE, 1 << 30}) {
      assertThrows(TrapException.class, () -> f("longs").call(Value.i32(len)));
    }
    assertEquals(3, f("longs").call(Value.i32(3))[0].i32());
    RuntimeException e =
        assertThrows(
            RuntimeException.class, () -> store.newArray(LONGS, Integer.MAX_VALUE, Value.i64(0)));
    assertTrue(
        e instanceof IllegalArgumentException || e instanceof dev.wasmlayer.LimitException,
        e.toString());
  }

  @Test
  void handlesUsedFromAnotherThreadAfterCloseAreIllegalState() throws Exception {
    StructRef p = store.newStruct(POINT, Value.i32(1), Value.i64(2));
    ArrayRef a = store.newArray(BOXES, 2, Value.anyRef("x"));
    ExnRef x = store.newException(instance.tag("boxed").orElseThrow(), Value.structRef(p));
    StructRef q = store.newStruct(POINT, Value.i32(1), Value.i64(2));
    store.close();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      other
          .submit(
              () -> {
                List<Executable> uses =
                    List.of(
                        () -> p.field(0),
                        () -> p.setField(0, Value.i32(1)),
                        p::type,
                        a::length,
                        () -> a.get(0),
                        () -> a.set(0, Value.anyRef("y")),
                        x::tag,
                        x::payload,
                        () -> p.sameAs(q));
                for (Executable e : uses) {
                  assertThrows(IllegalStateException.class, e);
                }
                return null;
              })
          .get(30, TimeUnit.SECONDS);
    } finally {
      other.shutdownNow();
      assertTrue(other.awaitTermination(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void hostSideConversionsNeitherSpendNorNeedFuel() {
    try (Engine fueled =
            Engines.create(WasmtimeEngineProvider.ID, EngineConfig.builder().fuel(true).build());
        Store<Void> s = fueled.newStore(null);
        Module m = fueled.compile(WAT.getBytes(StandardCharsets.UTF_8))) {
      Instance i = s.instantiate(m);
      Global ga = i.global("ga").orElseThrow();
      StructRef p = s.newStruct(POINT, Value.i32(1), Value.i64(2));
      StructRef q = s.newStruct(POINT, Value.i32(1), Value.i64(2));
      s.setFuel(0);
      ga.set(Value.anyRef("host"));
      assertEquals("host", ga.get().anyRef().orElseThrow());
      assertTrue(p.sameAs(p));
      assertTrue(!p.sameAs(q));
      assertEquals(0, s.fuel());
      s.setFuel(1_000);
      ga.set(Value.anyRef("again"));
      assertEquals("again", ga.get().anyRef().orElseThrow());
      assertEquals(1_000, s.fuel());
    }
  }

  private static final String VIA_HOST =
      """
      (module
        (type $point (struct (field $x (mut i32)) (field $y i64)))
        (import "h" "cb" (func $cb (param anyref) (result anyref)))
        (global $keep (mut anyref) (ref.null any))
        (func $after (param anyref) (result anyref) (local.get 0))
        (func (export "spin") (param anyref)
          (drop (call $cb (local.get 0)))
          (loop $l (br $l)))
        (func (export "run") (param anyref) (result anyref)
          (call $after (call $cb (local.get 0))))
        (func (export "hoard") (param i32) (result i32)
          (global.set $keep (array.new_default $bytes (local.get 0)))
          (i32.const 1))
        (type $bytes (array (mut i8))))
      """;

  private Func viaHost(Store<?> s, dev.wasmlayer.HostFunction<Object> cb) {
    Imports imports =
        Imports.builder().func("h", "cb", FuncType.of(ValType.ANYREF, ValType.ANYREF), cb).build();
    try (Module m = engine.compile(VIA_HOST.getBytes(StandardCharsets.UTF_8))) {
      return s.instantiate(m, imports).func("run").orElseThrow();
    }
  }

  @Test
  void anInterruptRaisedByAHostFunctionIsAnInterruptedTrapEvenWithHostObjects() {
    Object mine = new Object();
    Func run =
        viaHost(
            store,
            (c, args) -> {
              assertSame(mine, args[0].anyRef().orElseThrow());
              c.store().interrupt();
              return new Value[] {Value.anyRef(mine)};
            });
    TrapException e = assertThrows(TrapException.class, () -> run.call(Value.anyRef(mine)));
    assertEquals(TrapKind.INTERRUPTED, e.kind(), e.toString());
    StructRef p = store.newStruct(POINT, Value.i32(1), Value.i64(2));
    Func plain = viaHost(store, (c, args) -> args);
    assertTrue(plain.call(Value.structRef(p))[0].structRef().orElseThrow().sameAs(p));
  }

  @Test
  void aDeadlineStillStopsWasmAfterHostConversions() {
    try (Store<Void> s =
            engine.newStore(
                null,
                dev.wasmlayer.StoreConfig.builder()
                    .deadline(java.time.Duration.ofMillis(200))
                    .build());
        Module m = engine.compile(VIA_HOST.getBytes(StandardCharsets.UTF_8))) {
      Instance i =
          s.instantiate(
              m,
              Imports.builder()
                  .func(
                      "h",
                      "cb",
                      FuncType.of(ValType.ANYREF, ValType.ANYREF),
                      (c, args) -> new Value[] {Value.anyRef(new Object())})
                  .build());
      TrapException e =
          assertThrows(
              TrapException.class, () -> i.func("spin").orElseThrow().call(Value.anyRef("in")));
      assertEquals(TrapKind.INTERRUPTED, e.kind());
    }
  }

  @Test
  void closingTheStoreInsideAHostFunctionThatReturnsAStructDoesNotCrash() {
    StructRef p = store.newStruct(POINT, Value.i32(1), Value.i64(2));
    Func run =
        viaHost(
            store,
            (c, args) -> {
              c.store().close();
              return new Value[] {Value.structRef(p)};
            });
    try {
      assertTrue(run.call(Value.structRef(p))[0].structRef().isPresent());
    } catch (IllegalStateException | TrapException e) {
      // refused or stopped: either is fine, a crash is not
    }
    assertTrue(store.isClosed());
    assertEquals(0, ((WasmtimeStore<?>) store).roots().size());
    assertThrows(IllegalStateException.class, () -> p.field(0));
  }

  @Test
  void aFullGcHeapIsALimitForHostObjectsToo() {
    try (Store<Void> capped =
            engine.newStore(
                null, dev.wasmlayer.StoreConfig.builder().maxMemoryBytes(4 << 20).build());
        Module m = engine.compile(VIA_HOST.getBytes(StandardCharsets.UTF_8))) {
      Instance i =
          capped.instantiate(
              m,
              Imports.builder()
                  .func("h", "cb", FuncType.of(ValType.ANYREF, ValType.ANYREF), (c, args) -> args)
                  .build());
      Func hoard = i.func("hoard").orElseThrow();
      int size = 1 << 20;
      boolean full = false;
      for (int k = 0; k < 64 && !full; k++) {
        try {
          hoard.call(Value.i32(size));
        } catch (TrapException e) {
          size /= 2;
          full = size < 64;
        }
      }
      Func run = i.func("run").orElseThrow();
      for (int k = 0; k < 100; k++) {
        try {
          assertEquals("x", run.call(Value.anyRef("x"))[0].anyRef().orElseThrow());
        } catch (dev.wasmlayer.LimitException | TrapException expected) {
          // a full heap may refuse, as a limit or a trap; never anything else
        }
      }
    }
  }

  /** Depends on when the collector runs: in the {@code slow} group. */
  @Test
  @org.junit.jupiter.api.Tag("slow")
  void manyGcReferencesThroughAHostFunctionDoNotGrowTheRoots() throws InterruptedException {
    WasmtimeStore<?> ws = (WasmtimeStore<?>) store;
    Func run = viaHost(store, (c, args) -> args);
    for (int k = 0; k < 100_000; k++) {
      StructRef p = store.newStruct(POINT, Value.i32(k), Value.i64(k));
      Value back = run.call(Value.structRef(p))[0];
      assertEquals(k, back.structRef().orElseThrow().field(0).i32());
      assertEquals(k, run.call(Value.i31Ref(k))[0].i31Ref().orElseThrow().signed());
    }
    assertTrue(
        dev.wasmlayer.tck.support.Gc.collectUntil(
            () -> ws.roots().size() < 1_000, java.time.Duration.ofSeconds(30)),
        "roots left: " + ws.roots().size());
  }

  private static final String KEEPER =
      """
      (module
        (tag $t (export "t") (param anyref))
        (import "h" "keep" (func $keep (param exnref)))
        (import "h" "again" (func $again))
        (table (export "xt") 1 exnref)
        (func (export "catch_and_keep") (param anyref)
          (block $h (result exnref)
            (try_table (catch_all_ref $h) (throw $t (local.get 0)))
            (unreachable))
          (call $keep))
        (func (export "again") (result anyref)
          (block $h (result anyref)
            (try_table (catch $t $h) (call $again))
            (ref.null any))))
      """;

  @Test
  void anExnrefKeptByTheHostIsRethrownInALaterCallAndLivesInTables() {
    ExnRef[] kept = new ExnRef[1];
    Imports imports =
        Imports.builder()
            .func(
                "h",
                "keep",
                FuncType.ofParams(ValType.EXNREF),
                (c, args) -> {
                  kept[0] = args[0].exnRef().orElseThrow();
                  return Value.NONE;
                })
            .func(
                "h",
                "again",
                FuncType.of(List.of(), List.of()),
                (c, args) -> {
                  throw new ThrownException(kept[0]);
                })
            .build();
    try (Module m = engine.compile(KEEPER.getBytes(StandardCharsets.UTF_8))) {
      Instance i = store.instantiate(m, imports);
      Object mine = new Object();
      i.func("catch_and_keep").orElseThrow().call(Value.anyRef(mine));
      assertSame(mine, kept[0].payload().get(0).anyRef().orElseThrow());
      for (int k = 0; k < 3; k++) {
        assertSame(mine, i.func("again").orElseThrow().call()[0].anyRef().orElseThrow());
      }
      Table xt = i.table("xt").orElseThrow();
      xt.set(0, Value.exnRef(kept[0]));
      ExnRef back = xt.get(0).exnRef().orElseThrow();
      assertSame(kept[0].tag(), back.tag());
      assertEquals(1, xt.grow(2, Value.exnRef(back)));
      assertSame(mine, xt.get(2).exnRef().orElseThrow().payload().get(0).anyRef().orElseThrow());
      xt.set(1, Value.nullRef(RefType.EXNREF));
      assertTrue(xt.get(1).isNull());
    }
  }

  @Test
  void anotherThreadUsingAHandleDuringACallIsRefused() throws Exception {
    StructRef p = store.newStruct(POINT, Value.i32(1), Value.i64(2));
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Func run =
          viaHost(
              store,
              (c, args) -> {
                assertInstanceOf(IllegalStateException.class, failureOn(other, () -> p.field(0)));
                return args;
              });
      assertTrue(run.call(Value.structRef(p))[0].structRef().orElseThrow().sameAs(p));
    } finally {
      other.shutdownNow();
      assertTrue(other.awaitTermination(30, TimeUnit.SECONDS));
    }
  }

  /** What {@code use} throws when run on {@code thread}, or null. */
  private static Throwable failureOn(ExecutorService thread, Runnable use) {
    try {
      return thread
          .submit(
              () -> {
                try {
                  use.run();
                  return null;
                } catch (RuntimeException e) {
                  return e;
                }
              })
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void hostTypesWithEveryKindOfFieldAreMadeOrRefused() {
    ExnRef x = store.newException(instance.tag("boxed").orElseThrow(), Value.i31Ref(1));
    List<Value> samples =
        List.of(
            Value.v128(1, 2),
            Value.funcRef(f("id")),
            Value.externRef("e"),
            Value.exnRef(x),
            Value.i31Ref(3),
            Value.nullRef(RefType.ANYREF));
    for (Value v : samples) {
      ValType t = v.type() instanceof RefType r ? new RefType(true, r.heapType()) : v.type();
      for (ValType field : List.of(t, v.type())) {
        StructType st = StructType.of(FieldType.mutable(field));
        ArrayType at = ArrayType.of(FieldType.mutable(field));
        try {
          StructRef s = store.newStruct(st, v);
          assertShape(v, s.field(0));
          s.setField(0, v);
          ArrayRef a = store.newArray(at, 2, v);
          assertEquals(2, a.length());
          a.set(1, v);
          assertShape(v, a.get(1));
          assertEquals(0, store.newArray(at).length());
        } catch (IllegalArgumentException | dev.wasmlayer.UnsupportedFeatureException e) {
          // a type wasmtime does not take for a field is refused; nothing else
        }
      }
    }
  }

  /** A number comes back equal; a reference null or not as it went in. */
  private static void assertShape(Value in, Value out) {
    if (in.type() instanceof RefType) {
      assertEquals(in.isNull(), out.isNull());
    } else {
      assertEquals(in, out);
    }
  }

  @Test
  void aNullOfAConcreteTypeReadFromWasmGoesBack() {
    Value nul = f("nul").call()[0];
    assertTrue(nul.isNull());
    assertEquals(1, f("isnull").call(nul)[0].i32());
    Global gp = instance.global("gp").orElseThrow();
    Value g = gp.get();
    gp.set(g);
    assertTrue(gp.get().isNull());
  }
}
