package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitPrimitive;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Calls into guest code of a component on wasmtime: values, traps, limits, misuse. */
@Timeout(60)
class ComponentCallTest {
  private Engine engine;
  private Component guest;

  @BeforeEach
  void setUp() {
    engine =
        Engines.create(
            WasmtimeEngineProvider.ID,
            EngineConfig.builder().interruption(true).fuel(true).build());
    guest = engine.compileComponent(ComponentTexts.read("guest"));
  }

  @AfterEach
  void tearDown() {
    guest.close();
    engine.close();
  }

  private ComponentFunc func(ComponentInstance i, String name) {
    return i.func(name).orElseThrow();
  }

  @Test
  void declaresComponents() {
    assertTrue(engine.supports(Feature.COMPONENTS));
  }

  @Test
  void readsExportTypes() {
    WitFuncType add =
        WitFuncType.of(
            WitPrimitive.U32,
            WitFuncType.param("a", WitPrimitive.U32),
            WitFuncType.param("b", WitPrimitive.U32));
    assertEquals(new ComponentItem.Function(add), guest.exportTypes().get("add"));
    assertEquals(
        new ComponentItem.Function(WitFuncType.of(WitPrimitive.STRING)),
        guest.exportTypes().get("hello"));
    ComponentItem api = guest.exportTypes().get("example:demo/api");
    assertInstanceOf(ComponentItem.Interface.class, api);
    assertEquals(
        List.of("add", "len", "hello"),
        List.copyOf(((ComponentItem.Interface) api).items().keySet()));
    assertTrue(guest.importTypes().isEmpty());
  }

  @Test
  void callsWithNumbersAndStrings() {
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(guest, ComponentImports.empty());
      assertEquals(5, func(i, "add").call(2, 3));
      assertEquals(0, func(i, "add").call(-1, 1), "u32 keeps its bits: 4294967295 + 1 wraps");
      assertEquals(-1, func(i, "add").call(Integer.MAX_VALUE, Integer.MIN_VALUE));
      assertEquals(6_000_000_000L, func(i, "mul64").call(2L, 3_000_000_000L));
      assertEquals(5, func(i, "len").call("héllo".substring(0, 1) + "ello"));
      assertEquals(6, func(i, "len").call("héllo"), "UTF-8 bytes");
      assertEquals("hello", func(i, "hello").call());
      assertNull(func(i, "boom").type().result().orElse(null));
      assertEquals(7, i.func("example:demo/api", "add").orElseThrow().call(3, 4));
      assertEquals("hello", i.func("example:demo/api", "hello").orElseThrow().call());
      assertTrue(i.func("nope").isEmpty());
      assertTrue(i.func("example:demo/api", "nope").isEmpty());
      assertTrue(i.func("nope", "add").isEmpty());
      assertEquals(i.store(), store);
      assertEquals(i.component(), guest);
    }
  }

  @Test
  void manyCallsInOneInstance() {
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(guest, ComponentImports.empty());
      ComponentFunc len = func(i, "len");
      for (int n = 0; n < 2000; n++) {
        assertEquals(n % 50, len.call("x".repeat(n % 50)));
      }
    }
  }

  @Test
  void refusesWrongArguments() {
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(guest, ComponentImports.empty());
      ComponentFunc add = func(i, "add");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> add.call(1L, 2));
      assertTrue(e.getMessage().contains("parameter a"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> add.call(1));
      assertTrue(e.getMessage().contains("2 arguments"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> add.call(1, null));
      assertTrue(e.getMessage().contains("parameter b"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> func(i, "len").call(42));
      assertEquals(3, add.call(1, 2), "a refused call leaves the instance usable");
    }
  }

  @Test
  void trapIsTrapExceptionAndInstanceIsDoneAfterwards() {
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(guest, ComponentImports.empty());
      TrapException t = assertThrows(TrapException.class, () -> func(i, "boom").call());
      assertEquals(TrapKind.UNREACHABLE, t.kind());
      IllegalStateException again =
          assertThrows(IllegalStateException.class, () -> func(i, "add").call(1, 2));
      assertTrue(again.getMessage().contains("trapped earlier"), again.getMessage());
    }
    try (Store<Void> fresh = engine.newStore(null)) {
      ComponentInstance i = fresh.instantiate(guest, ComponentImports.empty());
      assertEquals(3, func(i, "add").call(1, 2));
    }
  }

  @Test
  void aTrapLeavesTheStoresOtherInstancesRefused() {
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance a = store.instantiate(guest, ComponentImports.empty());
      ComponentInstance b = store.instantiate(guest, ComponentImports.empty());
      assertThrows(TrapException.class, () -> func(a, "boom").call());
      TrapException e = assertThrows(TrapException.class, () -> func(b, "add").call(1, 2));
      assertTrue(e.getMessage().contains("use a new store"), e.getMessage());
    }
  }

  @Test
  void hostFunctionCallsIntoAnotherInstance() {
    WitFuncType cb = WitFuncType.of(WitPrimitive.U32, WitFuncType.param("x", WitPrimitive.U32));
    try (Component relay = engine.compileComponent(ComponentTexts.read("relay"));
        Store<Void> store = engine.newStore(null)) {
      ComponentInstance inner =
          store.instantiate(relay, ComponentImports.builder().func("cb", cb, a -> a[0]).build());
      ComponentFunc innerRelay = func(inner, "relay");
      ComponentInstance outer =
          store.instantiate(
              relay,
              ComponentImports.builder()
                  .func("cb", cb, a -> innerRelay.call((Integer) a[0] * 2))
                  .build());
      assertEquals(12, func(outer, "relay").call(5), "(5 * 2 + 1) + 1");
      assertEquals(2, innerRelay.call(1));
    }
  }

  @Test
  void deadlineStopsAnEndlessLoop() {
    try (Store<Void> store =
        engine.newStore(null, StoreConfig.builder().deadline(Duration.ofMillis(200)).build())) {
      ComponentInstance i = store.instantiate(guest, ComponentImports.empty());
      TrapException t = assertThrows(TrapException.class, () -> func(i, "spin").call());
      assertEquals(TrapKind.INTERRUPTED, t.kind());
    }
  }

  @Test
  void interruptStopsASpinningCall() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Component spin = engine.compileComponent(ComponentTexts.read("spin"));
        Store<Void> store = engine.newStore(null)) {
      ComponentInstance i =
          store.instantiate(
              spin,
              ComponentImports.builder()
                  .func(
                      "started",
                      WitFuncType.of(null),
                      args -> {
                        started.countDown();
                        return null;
                      })
                  .build());
      ComponentFunc f = func(i, "spin");
      Future<Object> running = pool.submit(() -> f.call());
      assertTrue(started.await(30, TimeUnit.SECONDS));
      store.interrupt();
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> running.get(30, TimeUnit.SECONDS));
      TrapException t = assertInstanceOf(TrapException.class, e.getCause());
      assertEquals(TrapKind.INTERRUPTED, t.kind());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void fuelRunsOut() {
    try (Store<Void> store = engine.newStore(null, StoreConfig.builder().fuel(10_000).build())) {
      ComponentInstance i = store.instantiate(guest, ComponentImports.empty());
      assertEquals(10, func(i, "count").call(10));
      TrapException t =
          assertThrows(TrapException.class, () -> func(i, "count").call(1_000_000_000));
      assertEquals(TrapKind.OUT_OF_FUEL, t.kind());
    }
  }

  @Test
  void storeMovesToAnotherThreadBetweenCalls() throws Exception {
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(guest, ComponentImports.empty());
      ComponentFunc add = func(i, "add");
      assertEquals(3, add.call(1, 2));
      Object[] seen = new Object[1];
      Thread t =
          new Thread(
              () -> {
                try {
                  seen[0] = add.call(20, 22);
                } catch (Throwable e) {
                  seen[0] = e;
                }
              });
      t.start();
      t.join(10_000);
      assertEquals(42, seen[0]);
    }
  }

  /** A typed view of example:demo/api. */
  interface Api {
    int add(int a, int b);

    int len(String s);

    String hello();
  }

  @Test
  void typedViewCallsTheInterface() {
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(guest, ComponentImports.empty());
      Api api = i.bind("example:demo/api", Api.class);
      assertEquals(9, api.add(4, 5));
      assertEquals(3, api.len("abc"));
      assertEquals("hello", api.hello());
    }
  }

  @Test
  void instanceOutlivesItsClosedComponent() {
    try (Store<Void> store = engine.newStore(null)) {
      Component c = engine.compileComponent(ComponentTexts.read("guest"));
      ComponentInstance i = store.instantiate(c, ComponentImports.empty());
      c.close();
      assertEquals(3, func(i, "add").call(1, 2));
      assertThrows(
          IllegalStateException.class, () -> store.instantiate(c, ComponentImports.empty()));
    }
  }
}
