package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Instance;
import dev.wasmlayer.InstancePre;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Linker;
import dev.wasmlayer.Module;
import dev.wasmlayer.Pooling;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wasi.WasiConfig;
import dev.wasmlayer.wat.WasmText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A linker resolves a module's imports once; its instance-pre instantiates into any store of the
 * engine.
 */
class LinkerTest extends TckBase {
  private static final FuncType BINARY =
      FuncType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));
  private static final FuncType UNARY = FuncType.of(ValType.I32, ValType.I32);

  /** Two host imports, and a counter that shows each instance has its own state. */
  private static final String APP =
      """
      (module
        (import "env" "add" (func $add (param i32 i32) (result i32)))
        (import "env" "twice" (func $twice (param i32) (result i32)))
        (global $n (mut i32) (i32.const 0))
        (func (export "run") (param i32) (result i32)
          (global.set $n (i32.add (global.get $n) (i32.const 1)))
          (call $add (call $twice (local.get 0)) (global.get $n))))
      """;

  private Module text(String wat) {
    return engine.compile(WasmText.toBinary(wat.getBytes(StandardCharsets.UTF_8)));
  }

  private Linker app() {
    return Linker.of(engine)
        .func("env", "add", BINARY, (c, a) -> new Value[] {Value.i32(a[0].i32() + a[1].i32())})
        .func("env", "twice", UNARY, (c, a) -> new Value[] {Value.i32(2 * a[0].i32())});
  }

  private static int run(Instance i, int x) {
    return func(i, "run").call(Value.i32(x))[0].i32();
  }

  @Test
  void onePreInstantiatesIntoManyStores() {
    InstancePre pre = app().instantiatePre(text(APP));
    assertEquals(2, pre.imports().size());
    Instance here = pre.instantiate(store);
    assertEquals(21, run(here, 10));
    assertEquals(22, run(here, 10), "the counter is the instance's");
    for (int s = 0; s < 3; s++) {
      try (Store<Object> other = engine.newStore(null)) {
        Instance i = pre.instantiate(other);
        assertEquals(other, i.store());
        assertEquals(21, run(i, 10), "a fresh instance in store " + s);
      }
    }
    assertEquals(23, run(here, 10), "other stores closing leave this one alone");
  }

  @Test
  void closingAStoreLeavesThePreUsable() {
    InstancePre pre = app().instantiatePre(text(APP));
    Store<Object> first = engine.newStore(null);
    pre.instantiate(first);
    first.close();
    assertThrows(IllegalStateException.class, () -> pre.instantiate(first));
    assertEquals(7, run(pre.instantiate(store), 3));
  }

  @Test
  void redefiningIsAnErrorUnlessShadowingIsOn() {
    Linker linker = app();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> linker.func("env", "twice", UNARY, (c, a) -> a));
    assertTrue(e.getMessage().contains("env.twice"), e.getMessage());
    linker
        .allowShadowing(true)
        .func("env", "twice", UNARY, (c, a) -> new Value[] {Value.i32(3 * a[0].i32())});
    assertEquals(31, run(linker.instantiate(store, text(APP)), 10), "the later definition wins");
  }

  @Test
  void aMissingImportFailsAtPreLinkNamingIt() {
    Linker linker = Linker.of(engine).func("env", "add", BINARY, (c, a) -> a);
    LinkException e = assertThrows(LinkException.class, () -> linker.instantiatePre(text(APP)));
    assertTrue(e.getMessage().contains("env.twice"), e.getMessage());
  }

  @Test
  void wrongTypesAndKindsFailAtPreLink() {
    Linker wrongType =
        Linker.of(engine)
            .func("env", "add", UNARY, (c, a) -> a)
            .func("env", "twice", UNARY, (c, a) -> a);
    LinkException e = assertThrows(LinkException.class, () -> wrongType.instantiatePre(text(APP)));
    assertTrue(e.getMessage().contains("env.add"), e.getMessage());
    Linker wrongKind =
        Linker.of(engine)
            .define("env", "add", store.newMemory(MemoryType.of(1)))
            .func("env", "twice", UNARY, (c, a) -> a);
    e = assertThrows(LinkException.class, () -> wrongKind.instantiatePre(text(APP)));
    assertTrue(
        e.getMessage().contains("env.add") && e.getMessage().contains("memory"), e.getMessage());
  }

  @Test
  void anInstanceCanBeDefinedByName() {
    Instance producer = instantiate("producer");
    InstancePre pre =
        Linker.of(engine).defineInstance("producer", producer).instantiatePre(module("consumer"));
    Instance consumer = pre.instantiate(store);
    assertEquals(110, func(consumer, "run").call(Value.i32(5))[0].i32());
    func(producer, "poke").call(Value.i32(64), Value.i32(777));
    assertEquals(
        777,
        func(consumer, "peek").call(Value.i32(64))[0].i32(),
        "the memory is shared, not copied");
    try (Store<Object> other = engine.newStore(null)) {
      LinkException e = assertThrows(LinkException.class, () -> pre.instantiate(other));
      assertTrue(e.getMessage().contains("another store"), e.getMessage());
    }
  }

  @Test
  void unknownFunctionImportsCanBeTraps() {
    Module m =
        text(
            """
        (module
          (import "env" "add" (func $add (param i32 i32) (result i32)))
          (import "env" "gone" (func $gone (param i32)))
          (func (export "ok") (result i32) (call $add (i32.const 1) (i32.const 2)))
          (func (export "bad") (call $gone (i32.const 0))))
        """);
    Linker linker =
        Linker.of(engine)
            .func("env", "add", BINARY, (c, a) -> new Value[] {Value.i32(a[0].i32() + a[1].i32())})
            .defineUnknownImportsAsTraps();
    Instance i = linker.instantiate(store, m);
    assertEquals(3, func(i, "ok").call()[0].i32());
    TrapException t = assertThrows(TrapException.class, () -> func(i, "bad").call());
    assertEquals(TrapKind.HOST, t.kind(), t.getMessage());
    LinkException cause = assertInstanceOf(LinkException.class, t.getCause());
    assertTrue(cause.getMessage().contains("env.gone"), cause.getMessage());
    LinkException e =
        assertThrows(
            LinkException.class,
            () -> linker.instantiatePre(module("memory_import")),
            "only functions become traps");
    assertTrue(e.getMessage().contains("memory"), e.getMessage());
  }

  @Test
  @RequiresFeature(Feature.WASI)
  void wasiComesFromTheStore() {
    Module m =
        text(
            """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "hi\\n")
          (func (export "hello") (result i32)
            (i32.store (i32.const 0) (i32.const 16))
            (i32.store (i32.const 4) (i32.const 3))
            (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
        """);
    InstancePre pre = Linker.of(engine).defineWasi().instantiatePre(m);
    for (int s = 0; s < 2; s++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      StoreConfig config =
          StoreConfig.builder().wasi(WasiConfig.builder().stdout(out).build()).build();
      try (Store<Object> wasi = engine.newStore(null, config)) {
        assertEquals(0, func(pre.instantiate(wasi), "hello").call()[0].i32());
      }
      assertEquals("hi\n", out.toString(StandardCharsets.UTF_8), "each store's own stdout");
    }
    LinkException e = assertThrows(LinkException.class, () -> pre.instantiate(store));
    assertTrue(e.getMessage().contains("WASI"), e.getMessage());
    assertThrows(
        LinkException.class,
        () -> Linker.of(engine).instantiatePre(m),
        "without defineWasi it is missing");
  }

  @Test
  void twoThreadsInstantiateIntoTwoStores() throws Exception {
    InstancePre pre = app().instantiatePre(text(APP));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Integer> work =
          () -> {
            int sum = 0;
            for (int k = 0; k < 50; k++) {
              try (Store<Object> s = engine.newStore(null)) {
                sum += run(pre.instantiate(s), k);
              }
            }
            return sum;
          };
      Future<Integer> a = pool.submit(work);
      Future<Integer> b = pool.submit(work);
      int expected = 0;
      for (int k = 0; k < 50; k++) {
        expected += 2 * k + 1;
      }
      assertEquals(expected, a.get(60, TimeUnit.SECONDS));
      assertEquals(expected, b.get(60, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @RequiresFeature(Feature.MEMORY_LIMITS)
  void storeCapsApplyToInstancesFromAPre() {
    InstancePre pre = Linker.of(engine).instantiatePre(module("memory"));
    long pages =
        ((MemoryType)
                module("memory").exports().stream()
                    .filter(e -> e.type() instanceof MemoryType)
                    .findFirst()
                    .orElseThrow()
                    .type())
            .minimum();
    StoreConfig tight =
        StoreConfig.builder().maxMemoryBytes(Math.max(0, pages - 1) * 65536).build();
    try (Store<Object> s = engine.newStore(null, tight)) {
      assertThrows(LimitException.class, () -> pre.instantiate(s));
    }
  }

  @Test
  @RequiresFeature(Feature.INTERRUPTION)
  void deadlinesApplyToInstancesFromAPre() {
    InstancePre pre = Linker.of(engine).instantiatePre(module("loops"));
    StoreConfig config = StoreConfig.builder().deadline(Duration.ofMillis(100)).build();
    try (Store<Object> s = engine.newStore(null, config)) {
      TrapException t =
          assertThrows(TrapException.class, () -> func(pre.instantiate(s), "spin").call());
      assertEquals(TrapKind.INTERRUPTED, t.kind(), t.getMessage());
    }
  }

  @Test
  void anotherEnginesStoreOrModuleIsRejected() {
    InstancePre pre = app().instantiatePre(text(APP));
    try (Engine other = Tck.newEngine();
        Store<Object> s = other.newStore(null)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> pre.instantiate(s));
      assertTrue(e.getMessage().contains("another Engine instance"), e.getMessage());
      Module foreign = other.compile(Tck.wasm("producer"));
      assertThrows(IllegalArgumentException.class, () -> app().instantiatePre(foreign));
    }
  }

  @Test
  @RequiresFeature(Feature.POOLING_ALLOCATOR)
  void aPooledEngineReusesSlotsAndRefusesPastItsLimit() {
    EngineConfig config =
        Tck.config().toBuilder().pooling(Pooling.of(2).withMaxMemoryBytes(1 << 20)).build();
    try (Engine pooled = Engines.create(engine.id(), config)) {
      Module m = pooled.compile(Tck.wasm("memory"));
      InstancePre pre = Linker.of(pooled).instantiatePre(m);
      for (int k = 0; k < 10; k++) { // five times the pool: slots come back when stores close
        try (Store<Object> s = pooled.newStore(null)) {
          assertEquals(1L, pre.instantiate(s).memory("memory").orElseThrow().pages());
        }
      }
      try (Store<Object> a = pooled.newStore(null);
          Store<Object> b = pooled.newStore(null);
          Store<Object> c = pooled.newStore(null)) {
        pre.instantiate(a);
        pre.instantiate(b);
        assertThrows(
            LimitException.class,
            () -> pre.instantiate(c),
            "a third live instance in a pool of two");
      }
    }
  }
}
