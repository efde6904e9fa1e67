package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Store;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Host and guest resources on wasmtime (resources.wat). */
@Timeout(60)
class ComponentResourceTest {
  private static final String HOST = "example:demo/host";
  private static final String COUNTERS = "example:demo/counters";
  private static final String USES = "example:demo/uses";

  /** A host file: its size is its name's length. */
  record HostFile(String name) {}

  private Engine engine;
  private Component component;
  private final List<Object> dropped = new ArrayList<>();
  private ResourceType file;

  @BeforeEach
  void setUp() {
    engine = Engines.create(WasmtimeEngineProvider.ID, EngineConfig.defaults());
    component = engine.compileComponent(ComponentTexts.read("resources"));
    file = ResourceType.host("file", dropped::add);
  }

  @AfterEach
  void tearDown() {
    component.close();
    engine.close();
  }

  private ComponentImports imports() {
    return ComponentImports.builder()
        .resource(HOST, "file", file)
        .func(
            HOST,
            "open",
            WitFuncType.of(new OwnType(file), WitFuncType.param("name", WitPrimitive.STRING)),
            args -> new HostFile((String) args[0]))
        .func(
            HOST,
            "[method]file.size",
            WitFuncType.of(WitPrimitive.U32, WitFuncType.param("self", new BorrowType(file))),
            args -> ((HostFile) args[0]).name().length())
        .build();
  }

  private static ComponentFunc f(ComponentInstance i, String iface, String name) {
    return i.func(iface, name).orElseThrow();
  }

  @Test
  void readsResourceTypes() {
    ComponentItem.Interface host = (ComponentItem.Interface) component.importTypes().get(HOST);
    ComponentItem.Resource hostFile = (ComponentItem.Resource) host.items().get("file");
    assertTrue(hostFile.type().isHost());
    ComponentItem.Interface counters =
        (ComponentItem.Interface) component.exportTypes().get(COUNTERS);
    ResourceType counter = ((ComponentItem.Resource) counters.items().get("counter")).type();
    assertFalse(counter.isHost());
    assertEquals("counter", counter.name());
    WitFuncType ctor =
        ((ComponentItem.Function) counters.items().get("[constructor]counter")).type();
    assertSame(counter, ((OwnType) ctor.result().orElseThrow()).resource(), "one object per type");
    WitFuncType get = ((ComponentItem.Function) counters.items().get("[method]counter.get")).type();
    assertSame(counter, ((BorrowType) get.params().get(0).type()).resource());
    ComponentItem.Interface uses = (ComponentItem.Interface) component.exportTypes().get(USES);
    WitFuncType sizeOf = ((ComponentItem.Function) uses.items().get("size-of")).type();
    assertSame(hostFile.type(), ((BorrowType) sizeOf.params().get(0).type()).resource());
  }

  @Test
  void guestOpensMeasuresAndDropsAHostResource() {
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(component, imports());
      assertEquals(5, f(i, USES, "open-size").call("hello"));
      assertEquals(List.of(new HostFile("hello")), dropped, "the guest's drop reached the host");
    }
  }

  @Test
  void hostObjectsCrossAsThemselves() {
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(component, imports());
      HostFile mine = new HostFile("abc");
      assertEquals(3, f(i, USES, "size-of").call(mine));
      Object back = f(i, USES, "keep").call(mine);
      assertSame(mine, back, "own goes to the guest and comes back as the same object");
      assertTrue(dropped.isEmpty());
    }
  }

  @Test
  void guestResourceLivesAndDies() {
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(component, imports());
      GuestResource c =
          assertInstanceOf(GuestResource.class, f(i, COUNTERS, "[constructor]counter").call(41));
      assertTrue(c.isOwned());
      assertEquals("counter", c.type().name());
      f(i, COUNTERS, "[method]counter.inc").call(c);
      assertEquals(42, f(i, COUNTERS, "[method]counter.get").call(c));
      assertEquals(0, f(i, COUNTERS, "dropped").call());
      c.close();
      assertFalse(c.isOwned(), "dropped");
      assertEquals(1, f(i, COUNTERS, "dropped").call(), "close ran the guest's destructor");
      c.close(); // idempotent
      assertThrows(
          IllegalStateException.class, () -> f(i, COUNTERS, "[method]counter.get").call(c));

      GuestResource d = (GuestResource) f(i, COUNTERS, "[constructor]counter").call(7);
      assertEquals(7, f(i, COUNTERS, "take").call(d), "own moves to the guest");
      assertFalse(d.isOwned(), "given away");
      assertEquals(2, f(i, COUNTERS, "dropped").call());
      assertThrows(IllegalStateException.class, () -> f(i, COUNTERS, "take").call(d));

      GuestResource e = (GuestResource) f(i, COUNTERS, "[constructor]counter").call(9);
      assertThrows(
          IllegalArgumentException.class, () -> f(i, COUNTERS, "take-plus").call(e, "one"));
      assertTrue(e.isOwned(), "a call refused after lowering it leaves the handle with the host");
      assertThrows(IllegalArgumentException.class, () -> f(i, COUNTERS, "take-plus").call(e, e));
      assertTrue(e.isOwned());
      assertEquals(10, f(i, COUNTERS, "take-plus").call(e, 1));
      assertFalse(e.isOwned());
      d.close(); // nothing left to drop
      assertEquals(3, f(i, COUNTERS, "dropped").call());
    }
  }

  @Test
  void aGuestResourceGoesBackOnlyToItsInstance() {
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance a = store.instantiate(component, imports());
      ComponentInstance b = store.instantiate(component, imports());
      GuestResource c = (GuestResource) f(a, COUNTERS, "[constructor]counter").call(4);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> f(b, COUNTERS, "[method]counter.get").call(c));
      assertTrue(e.getMessage().contains("another instance"), e.getMessage());
      assertEquals(4, f(a, COUNTERS, "[method]counter.get").call(c));
      assertEquals(4, f(a, COUNTERS, "take").call(c));
      assertEquals(0, f(b, COUNTERS, "dropped").call(), "b was never entered with it");
    }
  }

  @Test
  void wrongResourceValuesAreRefused() {
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(component, imports());
      GuestResource c = (GuestResource) f(i, COUNTERS, "[constructor]counter").call(1);
      assertThrows(IllegalArgumentException.class, () -> f(i, USES, "size-of").call(c));
      assertThrows(
          IllegalArgumentException.class,
          () -> f(i, COUNTERS, "[method]counter.get").call(new HostFile("x")));
      assertEquals(1, f(i, COUNTERS, "[method]counter.get").call(c));
    }
  }

  /** example:demo/host served by plain Java methods. */
  public static final class Files {
    /** {@return a new file} */
    public HostFile open(String name) {
      return new HostFile(name);
    }

    /** {@return its size} */
    @dev.wasmlayer.component.WitName("[method]file.size")
    public int size(HostFile self) {
      return self.name().length() * 10;
    }
  }

  @Test
  void implementServesAnInterfaceWithResources() {
    try (Store<Void> store = engine.newStore(null)) {
      ComponentImports imports =
          ComponentImports.builder()
              .resource(HOST, "file", file)
              .implement(component, HOST, new Files())
              .build();
      ComponentInstance i = store.instantiate(component, imports);
      assertEquals(40, f(i, USES, "open-size").call("four"));
      assertEquals(List.of(new HostFile("four")), dropped);
      assertEquals(20, f(i, USES, "size-of").call(new HostFile("ab")));
    }
  }

  @Test
  void missingResourceIsLinkException() {
    try (Store<Void> store = engine.newStore(null)) {
      ComponentImports noResource =
          ComponentImports.builder()
              .func(
                  HOST,
                  "open",
                  WitFuncType.of(new OwnType(file), WitFuncType.param("name", WitPrimitive.STRING)),
                  args -> null)
              .func(
                  HOST,
                  "[method]file.size",
                  WitFuncType.of(WitPrimitive.U32, WitFuncType.param("self", new BorrowType(file))),
                  args -> 0)
              .build();
      LinkException e =
          assertThrows(LinkException.class, () -> store.instantiate(component, noResource));
      assertTrue(e.getMessage().contains("file"), e.getMessage());
    }
  }

  @Test
  void storeCloseLetsGoOfGuestHandles() {
    GuestResource c;
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(component, imports());
      c = (GuestResource) f(i, COUNTERS, "[constructor]counter").call(3);
    }
    c.close(); // after the store: nothing to do, no crash
    assertTrue(c.toString().contains("gone"), c.toString());
  }
}
