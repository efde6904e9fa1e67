package dev.wasmlayer.chicory;

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
import dev.wasmlayer.component.BorrowType;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.GuestResource;
import dev.wasmlayer.component.OwnType;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.tck.support.ComponentText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Guest and host resources: handles, own and borrow, drops and destructors. */
@Timeout(60)
class ComponentResourcesTest {
  private static final String COUNTERS = "example:res/counters";
  private static final String HOST = "example:res/host";

  /** The host's blob. */
  private record Blob(String text) {}

  private final List<Object> droppedBlobs = new ArrayList<>();
  private Engine engine;
  private Component component;
  private Store<Void> store;
  private ComponentInstance instance;

  @BeforeEach
  void setUp() {
    engine = Engines.create("chicory", EngineConfig.defaults());
    component = engine.compileComponent(ComponentText.load("resources"));
    ResourceType blob = ResourceType.host("blob", droppedBlobs::add);
    ComponentImports imports =
        ComponentImports.builder()
            .resource(HOST, "blob", blob)
            .func(
                HOST,
                "[constructor]blob",
                WitFuncType.of(new OwnType(blob), WitFuncType.param("s", WitPrimitive.STRING)),
                args -> new Blob((String) args[0]))
            .func(
                HOST,
                "[method]blob.size",
                WitFuncType.of(WitPrimitive.U32, WitFuncType.param("self", new BorrowType(blob))),
                args -> ((Blob) args[0]).text().length())
            .build();
    store = engine.newStore(null);
    instance = store.instantiate(component, imports);
  }

  @AfterEach
  void tearDown() {
    store.close();
    component.close();
    engine.close();
  }

  private Object call(String iface, String name, Object... args) {
    return instance.func(iface, name).orElseThrow().call(args);
  }

  @Test
  void aGuestResourceIsExportedAsAGuestType() {
    ComponentItem.Interface i = (ComponentItem.Interface) component.exportTypes().get(COUNTERS);
    ComponentItem.Resource r = (ComponentItem.Resource) i.items().get("counter");
    assertFalse(r.type().isHost());
    assertEquals("counter", r.type().name(), "named from the component-name section");
    ComponentItem.Interface host = (ComponentItem.Interface) component.importTypes().get(HOST);
    assertInstanceOf(ComponentItem.Resource.class, host.items().get("blob"));
  }

  @Test
  void ownAndBorrowOfAGuestResource() {
    GuestResource c = (GuestResource) call(COUNTERS, "[constructor]counter", 5);
    assertTrue(c.isOwned());
    assertEquals(6, call(COUNTERS, "[method]counter.bump", c));
    assertEquals(7, call(COUNTERS, "[method]counter.bump", c));
    assertTrue(c.isOwned(), "lending does not give it away");
    assertEquals(7, call(COUNTERS, "consume", c));
    assertFalse(c.isOwned(), "passing it as own gives it away");
    assertEquals(1, call(COUNTERS, "dropped"), "the guest dropped it: its destructor ran");
    assertThrows(IllegalStateException.class, () -> call(COUNTERS, "[method]counter.bump", c));
    assertThrows(IllegalStateException.class, () -> call(COUNTERS, "consume", c));
  }

  @Test
  void closingAnOwnedGuestResourceRunsItsDestructorOnce() {
    GuestResource c = (GuestResource) call(COUNTERS, "[constructor]counter", 1);
    c.close();
    c.close();
    assertFalse(c.isOwned());
    assertEquals(1, call(COUNTERS, "dropped"));
  }

  @Test
  void hostResourcesAreLentAndDropped() {
    Blob mine = new Blob("abc");
    assertEquals(3, call("", "use-blob", mine));
    assertTrue(droppedBlobs.isEmpty(), "a borrow does not drop");
    assertEquals(5, call("", "make-and-drop"));
    assertEquals(List.of(new Blob("hello")), droppedBlobs);
    call("", "keep", mine);
    call("", "release");
    assertEquals(List.of(new Blob("hello"), mine), droppedBlobs);
  }

  @Test
  void aBorrowNotDroppedByTheCalleeTraps() {
    Blob b = new Blob("kept");
    TrapException t = assertThrows(TrapException.class, () -> call("", "keep-borrow", b));
    assertTrue(t.getMessage().contains("not dropped"), t.getMessage());
    assertTrue(droppedBlobs.isEmpty(), "a borrow never drops the resource");
    assertEquals(4, call("", "use-blob", b), "the instance is usable after the trap");
  }

  @Test
  void staleAndUnknownHandlesTrap() {
    assertThrows(TrapException.class, () -> call("", "bad-handle"));
    call("", "keep", new Blob("x"));
    call("", "release");
    assertThrows(TrapException.class, () -> call("", "release"), "dropped twice");
    assertThrows(IllegalArgumentException.class, () -> call("", "use-blob", (Object) null));
  }

  @Test
  void aMissingHostResourceIsNamed() {
    try (Store<Void> s = engine.newStore(null)) {
      dev.wasmlayer.LinkException e =
          assertThrows(
              dev.wasmlayer.LinkException.class,
              () -> s.instantiate(component, ComponentImports.empty()));
      assertTrue(e.getMessage().contains("blob"), e.getMessage());
    }
  }
}
