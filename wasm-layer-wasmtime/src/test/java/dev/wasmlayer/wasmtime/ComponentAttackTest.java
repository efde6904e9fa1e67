package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Store;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.component.BorrowType;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.GuestResource;
import dev.wasmlayer.component.OwnType;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitPrimitive;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile use of typed components on wasmtime: stores closed from another thread mid-call and
 * mid-host-function, host functions that throw errors or return nonsense, huge values, values at
 * the edges. Each must end in a typed exception or a right answer, never a crash.
 */
@Timeout(180)
class ComponentAttackTest {
  private static Engine engine;
  private static Component echo;
  private static Component spin;

  @BeforeAll
  static void compile() {
    engine =
        Engines.create(
            WasmtimeEngineProvider.ID, EngineConfig.builder().interruption(true).build());
    echo =
        engine.compileComponent(ComponentTexts.text(EchoComponent.text(ComponentEchoTest.CASES)));
    spin = engine.compileComponent(ComponentTexts.read("spin"));
  }

  @AfterAll
  static void close() {
    echo.close();
    spin.close();
    engine.close();
  }

  private static WitFuncType importType(String name) {
    return ((ComponentItem.Function) echo.importTypes().get("echo-" + name)).type();
  }

  /** Every echo import served by {@code host} (given the case name and the arguments). */
  private static ComponentImports echoes(
      java.util.function.BiFunction<String, Object, Object> host) {
    ComponentImports.Builder b = ComponentImports.builder();
    for (EchoComponent.Case c : ComponentEchoTest.CASES) {
      b.func("echo-" + c.name(), importType(c.name()), args -> host.apply(c.name(), args[0]));
    }
    return b.build();
  }

  @Test
  void closeFromAnotherThreadMidCall() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Store<Void> store = engine.newStore(null);
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
      ComponentFunc f = i.func("spin").orElseThrow();
      Future<Object> running = pool.submit(() -> f.call());
      assertTrue(started.await(30, TimeUnit.SECONDS));
      store.close();
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> running.get(30, TimeUnit.SECONDS));
      assertTrue(
          e.getCause() instanceof TrapException || e.getCause() instanceof IllegalStateException,
          String.valueOf(e.getCause()));
      assertThrows(IllegalStateException.class, () -> f.call());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closeFromAnotherThreadMidHostFunction() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    AtomicReference<Throwable> nested = new AtomicReference<>();
    AtomicReference<ComponentFunc> self = new AtomicReference<>();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Store<Void> store = engine.newStore(null);
      ComponentInstance i =
          store.instantiate(
              echo,
              echoes(
                  (name, v) -> {
                    if (!name.equals("string")) {
                      return v;
                    }
                    inside.countDown();
                    try {
                      assertTrue(closed.await(30, TimeUnit.SECONDS));
                    } catch (InterruptedException x) {
                      throw new IllegalStateException(x);
                    }
                    try {
                      self.get().call("again"); // the store is closing: refused
                    } catch (RuntimeException x) {
                      nested.set(x);
                      throw x;
                    }
                    return v;
                  }));
      ComponentFunc f = i.func("echo-string").orElseThrow();
      self.set(i.func("echo-u32").orElseThrow());
      Future<Object> running = pool.submit(() -> f.call("hi"));
      assertTrue(inside.await(30, TimeUnit.SECONDS));
      store.close(); // waits, then leaves the freeing to the owner
      closed.countDown();
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> running.get(30, TimeUnit.SECONDS));
      assertInstanceOf(TrapException.class, e.getCause());
      assertInstanceOf(IllegalStateException.class, nested.get(), String.valueOf(nested.get()));
      assertThrows(IllegalStateException.class, () -> f.call("x"));
    } finally {
      pool.shutdownNow();
    }
  }

  private static Object call(ComponentImports imports, String name, Object arg) {
    try (Store<Void> store = engine.newStore(null)) {
      return store.instantiate(echo, imports).func("echo-" + name).orElseThrow().call(arg);
    }
  }

  @Test
  void hostErrorsTrapWithTheErrorAsCause() {
    for (Error err :
        List.of(
            new StackOverflowError("deep"), new OutOfMemoryError("full"), new AssertionError())) {
      TrapException t =
          assertThrows(
              TrapException.class,
              () ->
                  call(
                      echoes(
                          (n, v) -> {
                            throw err;
                          }),
                      "u32",
                      1));
      assertEquals(TrapKind.HOST, t.kind());
      assertTrue(t.getCause() == err, String.valueOf(t.getCause()));
    }
  }

  @Test
  void hostReturningNullOrAWrongTypeTrapsForEveryType() {
    Map<String, List<Object>> values = ComponentEchoTest.values();
    for (Function<Object, Object> bad :
        List.<Function<Object, Object>>of(
            v -> null, v -> new Object(), v -> List.of(new Object()))) {
      try (Store<Void> store = engine.newStore(null)) {
        for (EchoComponent.Case c : ComponentEchoTest.CASES) {
          ComponentInstance i = store.instantiate(echo, echoes((n, v) -> bad.apply(v)));
          Object in = values.get(c.name()).get(0);
          TrapException t =
              assertThrows(
                  TrapException.class,
                  () -> i.func("echo-" + c.name()).orElseThrow().call(in),
                  c.name());
          assertEquals(TrapKind.HOST, t.kind(), c.name());
          assertInstanceOf(IllegalArgumentException.class, t.getCause(), c.name());
          assertThrows(
              IllegalStateException.class,
              () -> i.func("echo-u32").orElseThrow().call(1),
              "the trapped instance refuses later calls: " + c.name());
          break; // wasmtime 49: no instance of a store is entered again after a trap
        }
      }
    }
  }

  /**
   * A list of {@code n} bytes both ways: it comes back whole, or wasmtime refuses to copy that much
   * in one host call (its hostcall fuel, about 128 MiB of component values) with a trap; never an
   * {@link OutOfMemoryError} from staging it.
   */
  private static void bytesBothWays(int n, boolean hostBuilds) {
    byte[] big = new byte[n];
    big[n - 1] = 7;
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i =
          store.instantiate(
              echo, echoes((name, v) -> hostBuilds && name.equals("bytes") ? big : v));
      Object out;
      try {
        out = i.func("echo-bytes").orElseThrow().call((Object) (hostBuilds ? new byte[1] : big));
      } catch (TrapException t) {
        assertTrue(t.getMessage().contains("too much data"), t.getMessage());
        return;
      }
      assertEquals(n, ((byte[]) out).length);
      assertEquals(7, ((byte[]) out)[n - 1]);
    }
  }

  @Test
  void hugeListFromTheHost() {
    bytesBothWays(3_000_000, false);
    bytesBothWays(50_000_000, false);
  }

  @Test
  void hugeListBuiltByTheHostFunction() {
    bytesBothWays(3_000_000, true);
    bytesBothWays(50_000_000, true);
  }

  @Test
  void hugeStringBothWays() {
    String big = "x".repeat(100_000_000);
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(echo, echoes((n, v) -> v));
      Object out = i.func("echo-string").orElseThrow().call(big);
      assertEquals(big.length(), ((String) out).length());
    }
  }

  @Test
  void boundaryValues() {
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(echo, echoes((n, v) -> v));
      assertEquals(-1L, i.func("echo-u64").orElseThrow().call(-1L));
      assertEquals(Long.MIN_VALUE, i.func("echo-s64").orElseThrow().call(Long.MIN_VALUE));
      Object f = i.func("echo-f32").orElseThrow().call(Float.intBitsToFloat(0x7fc00001));
      assertTrue(Float.isNaN((Float) f));
      Object d =
          i.func("echo-f64").orElseThrow().call(Double.longBitsToDouble(0x7ff0000000000001L));
      assertTrue(Double.isNaN((Double) d));
      for (int bad : new int[] {0xD800, 0xDFFF, 0x110000, -1}) {
        assertThrows(
            IllegalArgumentException.class, () -> i.func("echo-char").orElseThrow().call(bad));
      }
      assertArrayEquals(
          new long[] {-1L, Long.MIN_VALUE},
          (long[]) i.func("echo-s64s").orElseThrow().call(new long[] {-1L, Long.MIN_VALUE}));
    }
  }

  @Test
  void unpairedSurrogatesInAStringAreRefused() {
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(echo, echoes((n, v) -> v));
      ComponentFunc f = i.func("echo-string").orElseThrow();
      for (String bad : new String[] {"a\uD800b", "\uDC00", "x\uD83D"}) {
        assertThrows(IllegalArgumentException.class, () -> f.call(bad), bad);
      }
      assertEquals("\uD83D\uDE00", f.call("\uD83D\uDE00"));
    }
  }

  @Test
  void callAfterTheComponentClosed() {
    Component c =
        engine.compileComponent(ComponentTexts.text(EchoComponent.text(ComponentEchoTest.CASES)));
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(c, echoes((n, v) -> v));
      ComponentFunc f = i.func("echo-string").orElseThrow();
      c.close();
      assertEquals("still", f.call("still"));
      assertEquals(5, i.func("echo-u32").orElseThrow().call(5));
    }
  }

  private static final String COUNTERS = "example:demo/counters";

  /** A host file for resources.wat's host interface. */
  record HostFile(String name) {}

  private static ComponentImports resourceImports(ResourceType file, Runnable onOpen) {
    String host = "example:demo/host";
    return ComponentImports.builder()
        .resource(host, "file", file)
        .func(
            host,
            "open",
            WitFuncType.of(new OwnType(file), WitFuncType.param("name", WitPrimitive.STRING)),
            args -> {
              onOpen.run();
              return new HostFile((String) args[0]);
            })
        .func(
            host,
            "[method]file.size",
            WitFuncType.of(WitPrimitive.U32, WitFuncType.param("self", new BorrowType(file))),
            args -> ((HostFile) args[0]).name().length())
        .build();
  }

  private static Object counters(ComponentInstance i, String name, Object... args) {
    return i.func(COUNTERS, name).orElseThrow().call(args);
  }

  @Test
  void guestResourceAfterItsStoreClosed() throws Exception {
    try (Component resources = engine.compileComponent(ComponentTexts.read("resources"))) {
      Store<Void> store = engine.newStore(null);
      ComponentInstance i =
          store.instantiate(
              resources, resourceImports(ResourceType.host("file", o -> {}), () -> {}));
      GuestResource c = (GuestResource) counters(i, "[constructor]counter", 3);
      store.close();
      assertFalse(c.isOwned(), "the store let go of it");
      c.close(); // nothing left to drop: quiet
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        pool.submit(c::close).get(30, TimeUnit.SECONDS); // from another thread too
      } finally {
        pool.shutdownNow();
      }
      assertThrows(IllegalStateException.class, () -> counters(i, "[method]counter.get", c));
    }
  }

  @Test
  void guestResourceClosedTwiceConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Component resources = engine.compileComponent(ComponentTexts.read("resources"));
        Store<Void> store = engine.newStore(null)) {
      ComponentInstance i =
          store.instantiate(
              resources, resourceImports(ResourceType.host("file", o -> {}), () -> {}));
      for (int round = 0; round < 20; round++) {
        GuestResource c = (GuestResource) counters(i, "[constructor]counter", round);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> closing = new java.util.ArrayList<>();
        for (int t = 0; t < 2; t++) {
          closing.add(
              pool.submit(
                  () -> {
                    go.await();
                    try {
                      c.close();
                    } catch (IllegalStateException inUse) {
                      // the other closer holds the store: refused, typed
                    }
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> f : closing) {
          f.get(30, TimeUnit.SECONDS);
        }
        c.close(); // whatever the race left, this thread finishes it
        assertFalse(c.isOwned());
        assertEquals(round + 1, counters(i, "dropped"), "the destructor ran exactly once");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void guestResourceClosedFromAnotherThreadMidCall() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    AtomicReference<GuestResource> held = new AtomicReference<>();
    AtomicReference<Throwable> refused = new AtomicReference<>();
    try (Component resources = engine.compileComponent(ComponentTexts.read("resources"));
        Store<Void> store = engine.newStore(null)) {
      ComponentInstance i =
          store.instantiate(
              resources,
              resourceImports(
                  ResourceType.host("file", o -> {}),
                  () -> {
                    GuestResource c = held.get();
                    if (c == null) {
                      return;
                    }
                    try {
                      pool.submit(c::close).get(30, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                      refused.set(e.getCause());
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }));
      GuestResource c = (GuestResource) counters(i, "[constructor]counter", 5);
      held.set(c);
      assertEquals(2, i.func("example:demo/uses", "open-size").orElseThrow().call("ab"));
      assertInstanceOf(IllegalStateException.class, refused.get(), "the store was in use");
      assertTrue(c.isOwned());
      assertEquals(5, counters(i, "[method]counter.get", c));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void guestResourceGivenToAnotherStore() {
    try (Component resources = engine.compileComponent(ComponentTexts.read("resources"));
        Store<Void> a = engine.newStore(null);
        Store<Void> b = engine.newStore(null)) {
      ResourceType file = ResourceType.host("file", o -> {});
      ComponentInstance ia = a.instantiate(resources, resourceImports(file, () -> {}));
      ComponentInstance ib = b.instantiate(resources, resourceImports(file, () -> {}));
      GuestResource c = (GuestResource) counters(ia, "[constructor]counter", 8);
      assertThrows(IllegalArgumentException.class, () -> counters(ib, "[method]counter.get", c));
      assertThrows(IllegalArgumentException.class, () -> counters(ib, "take", c));
      assertTrue(c.isOwned());
      assertEquals(8, counters(ia, "take", c));
      assertEquals(0, counters(ib, "dropped"));
    }
  }

  @Test
  void interruptRacingWithCallReturn() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      int interrupted = 0;
      for (int round = 0; round < 200; round++) {
        try (Store<Void> store = engine.newStore(null)) {
          ComponentInstance i = store.instantiate(echo, echoes((n, v) -> v));
          ComponentFunc f = i.func("echo-string").orElseThrow();
          CountDownLatch go = new CountDownLatch(1);
          int spins = round * 50;
          Future<?> stopper =
              pool.submit(
                  () -> {
                    go.await();
                    for (int k = 0; k < spins; k++) {
                      Thread.onSpinWait();
                    }
                    store.interrupt();
                    return null;
                  });
          go.countDown();
          try {
            assertEquals("x", f.call("x"));
          } catch (TrapException t) {
            assertEquals(TrapKind.INTERRUPTED, t.kind(), t.getMessage());
            interrupted++;
            stopper.get(30, TimeUnit.SECONDS);
            continue;
          }
          stopper.get(30, TimeUnit.SECONDS);
          // a stop aimed at a call that had already returned never hits the next one
          assertEquals("y", f.call("y"), "round " + round);
        }
      }
      assertTrue(interrupted < 200, "some calls must win the race");
    } finally {
      pool.shutdownNow();
    }
  }
}
