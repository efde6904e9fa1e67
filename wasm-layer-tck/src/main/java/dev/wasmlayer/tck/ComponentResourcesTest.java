package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Component;
import dev.wasmlayer.Feature;
import dev.wasmlayer.LinkException;
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
import dev.wasmlayer.component.WitName;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.tck.support.Components;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.TckBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resources across a component's boundary ({@code src/main/components/resources.wat}): the guest's
 * {@code blob} reaches Java as a {@link GuestResource} that goes back as {@code own} (given away)
 * or {@code borrow}, and whose destructor (which reports to the host through {@code
 * tck:res/host#dropped}) runs once, when the guest drops its handle or Java closes it; the host's
 * {@code token} reaches the guest as a handle to a Java object, whose {@link ResourceType#host}
 * drop action runs when the guest drops its owning handle.
 */
@RequiresFeature(Feature.COMPONENTS)
class ComponentResourcesTest extends TckBase {
  static final String API = "tck:res/api";
  static final String HOST = "tck:res/host";

  /** The host's token: a Java object the guest holds handles to. */
  static final class Token {
    final int value;

    Token(int value) {
      this.value = value;
    }

    @Override
    public String toString() {
      return "Token(" + value + ")";
    }
  }

  private Component res;

  /** Values of the blobs whose destructor ran, in order. */
  private final List<Integer> blobsDropped = new CopyOnWriteArrayList<>();

  /** Tokens the host made for the guest, and tokens whose drop action ran. */
  private final List<Token> tokensMade = new CopyOnWriteArrayList<>();

  private final List<Object> tokensDropped = new CopyOnWriteArrayList<>();

  @AfterAll
  void closeComponent() {
    if (res != null) {
      res.close();
    }
  }

  @BeforeEach
  void forget() {
    blobsDropped.clear();
    tokensMade.clear();
    tokensDropped.clear();
  }

  private Component res() {
    if (res == null) {
      res = engine.compileComponent(Components.read(Components.require(), "resources"));
    }
    return res;
  }

  private ComponentImports.Builder imports(boolean withTokenType) {
    ResourceType token = ResourceType.host("token", tokensDropped::add);
    ComponentImports.Builder b = ComponentImports.builder();
    if (withTokenType) {
      b.resource(HOST, "token", token);
    }
    return b.func(
            HOST,
            "[constructor]token",
            WitFuncType.of(new OwnType(token), WitFuncType.param("v", WitPrimitive.U32)),
            args -> {
              Token t = new Token((Integer) args[0]);
              tokensMade.add(t);
              return t;
            })
        .func(
            HOST,
            "[method]token.value",
            WitFuncType.of(WitPrimitive.U32, WitFuncType.param("self", new BorrowType(token))),
            args -> ((Token) args[0]).value)
        .func(
            HOST,
            "dropped",
            WitFuncType.of(null, WitFuncType.param("v", WitPrimitive.U32)),
            args -> {
              blobsDropped.add((Integer) args[0]);
              return null;
            });
  }

  private ComponentInstance instance() {
    return instance(store);
  }

  private ComponentInstance instance(Store<?> s) {
    return s.instantiate(res(), imports(true).build());
  }

  private static Object call(ComponentInstance i, String name, Object... args) {
    return i.func(API, name)
        .orElseThrow(() -> new AssertionError("no export " + API + "#" + name))
        .call(args);
  }

  private static GuestResource blob(ComponentInstance i, int value) {
    return assertInstanceOf(GuestResource.class, call(i, "[constructor]blob", value));
  }

  @Test
  void aGuestResourceIsBorrowedThenGivenBack() {
    ComponentInstance i = instance();
    GuestResource b = blob(i, 5);
    assertTrue(b.isOwned());
    assertEquals("blob", b.type().name());
    assertFalse(b.type().isHost());
    assertEquals(5, call(i, "[method]blob.get", b));
    assertEquals(null, call(i, "[method]blob.add", b, 3));
    assertEquals(8, call(i, "[method]blob.get", b));
    assertEquals(16, call(i, "[static]blob.sum", b, b), "two borrows of one resource");
    assertEquals(8, call(i, "peek", b));
    assertTrue(b.isOwned(), "borrowing leaves it with the host");
    assertEquals(List.of(), blobsDropped);

    assertEquals(8, call(i, "take", b), "own: the guest gets it and drops it");
    assertEquals(List.of(8), blobsDropped, "the destructor ran in the guest");
    assertFalse(b.isOwned(), "given away");
    b.close();
    assertEquals(List.of(8), blobsDropped, "closing a spent handle does nothing");
    assertThrows(IllegalStateException.class, () -> call(i, "[method]blob.get", b));
    assertThrows(IllegalStateException.class, () -> call(i, "take", b));
  }

  @Test
  void closeRunsTheDestructorOnce() {
    ComponentInstance i = instance();
    GuestResource seven = blob(i, 7);
    GuestResource nine = blob(i, 9);
    seven.close();
    assertEquals(List.of(7), blobsDropped);
    assertFalse(seven.isOwned());
    seven.close();
    assertEquals(List.of(7), blobsDropped, "once");
    assertThrows(IllegalStateException.class, () -> call(i, "peek", seven));
    assertThrows(IllegalStateException.class, () -> call(i, "take", seven));
    assertEquals(9, call(i, "peek", nine), "the other blob lives on");
    try (GuestResource eleven = blob(i, 11)) {
      assertEquals(20, call(i, "[static]blob.sum", nine, eleven));
    }
    assertEquals(List.of(7, 11), blobsDropped, "try-with-resources closes it");
    nine.close();
    assertEquals(List.of(7, 11, 9), blobsDropped);
  }

  @Test
  void manyBlobsLiveAtOnce() {
    ComponentInstance i = instance();
    List<GuestResource> blobs = new java.util.ArrayList<>();
    for (int v = 0; v < 200; v++) {
      blobs.add(blob(i, v));
    }
    for (int v = 0; v < 200; v += 2) {
      assertEquals(v, call(i, "take", blobs.get(v)));
    }
    for (int v = 1; v < 200; v += 2) {
      assertEquals(v, call(i, "peek", blobs.get(v)));
      blobs.get(v).close();
    }
    assertEquals(200, blobsDropped.size());
    assertEquals(
        java.util.stream.IntStream.range(0, 200).boxed().toList(),
        blobsDropped.stream().sorted().toList());
  }

  @Test
  void aHostResourceIsTheJavaObject() {
    ComponentInstance i = instance();
    Object made = call(i, "make-token", 9);
    assertEquals(1, tokensMade.size());
    assertSame(tokensMade.get(0), made, "the guest's own<token> comes back as the host's object");
    assertEquals(List.of(), tokensDropped, "handing it to the host drops nothing");
    assertEquals(9, call(i, "check-token", made), "borrowed: the guest calls its method");
    assertEquals(List.of(), tokensDropped, "a borrow is not an owning handle");
    call(i, "consume-token", made);
    assertEquals(List.of(made), tokensDropped, "the guest dropped its owning handle");

    Token fresh = new Token(3);
    assertEquals(3, call(i, "check-token", fresh), "a Java object the guest never saw");
    call(i, "consume-token", fresh);
    assertEquals(List.of(made, fresh), tokensDropped);
  }

  /**
   * The canonical ABI traps a call that returns while the callee still holds a borrowed handle (jco
   * does not check it; wasmtime does).
   */
  @Test
  void aBorrowTheGuestKeepsTraps() {
    try (Store<Void> s = engine.newStore(null)) {
      ComponentInstance i = instance(s);
      Token t = new Token(4);
      TrapException trap = assertThrows(TrapException.class, () -> call(i, "leak-token", t));
      System.out.println("wasm-layer: " + engine.id() + " component kept a borrow: " + trap);
      assertEquals(List.of(), tokensDropped, "a borrow never drops the host's object");
    }
  }

  /** A typed view: resource functions by {@link WitName}, handles as they are. */
  public interface Blobs {
    @WitName("[constructor]blob")
    GuestResource newBlob(int v);

    @WitName("[method]blob.get")
    int get(GuestResource self);

    @WitName("[method]blob.add")
    void add(GuestResource self, int n);

    @WitName("[static]blob.sum")
    int sum(GuestResource a, GuestResource b);

    int take(GuestResource b);

    Object makeToken(int v);

    int checkToken(Object t);

    void consumeToken(Object t);
  }

  @Test
  void typedViewsPassHandlesAsTheyAre() {
    Blobs v = instance().bind(API, Blobs.class);
    GuestResource b = v.newBlob(20);
    v.add(b, 2);
    assertEquals(22, v.get(b));
    assertEquals(44, v.sum(b, b));
    assertEquals(22, v.take(b));
    assertEquals(List.of(22), blobsDropped);
    Object t = v.makeToken(6);
    assertSame(tokensMade.get(0), t);
    assertEquals(6, v.checkToken(t));
    v.consumeToken(t);
    assertEquals(List.of(t), tokensDropped);
  }

  @Test
  void resourceTypesAreReported() {
    ComponentItem.Interface api =
        assertInstanceOf(ComponentItem.Interface.class, res().exportTypes().get(API));
    ResourceType blob =
        assertInstanceOf(ComponentItem.Resource.class, api.items().get("blob")).type();
    assertEquals("blob", blob.name());
    assertFalse(blob.isHost());
    WitFuncType ctor =
        assertInstanceOf(ComponentItem.Function.class, api.items().get("[constructor]blob")).type();
    assertEquals(WitFuncType.of(new OwnType(blob), WitFuncType.param("v", WitPrimitive.U32)), ctor);
    WitFuncType get =
        assertInstanceOf(ComponentItem.Function.class, api.items().get("[method]blob.get")).type();
    assertEquals(
        WitFuncType.of(WitPrimitive.U32, WitFuncType.param("self", new BorrowType(blob))), get);
    WitFuncType take =
        assertInstanceOf(ComponentItem.Function.class, api.items().get("take")).type();
    assertSame(blob, ((OwnType) take.params().get(0).type()).resource(), "one type, by identity");

    ComponentItem.Interface host =
        assertInstanceOf(ComponentItem.Interface.class, res().importTypes().get(HOST));
    ResourceType token =
        assertInstanceOf(ComponentItem.Resource.class, host.items().get("token")).type();
    assertEquals("token", token.name());
    WitFuncType value =
        assertInstanceOf(ComponentItem.Function.class, host.items().get("[method]token.value"))
            .type();
    assertSame(token, ((BorrowType) value.params().get(0).type()).resource());
  }

  @Test
  void aMissingHostResourceTypeIsNamed() {
    LinkException e =
        assertThrows(LinkException.class, () -> store.instantiate(res(), imports(false).build()));
    assertTrue(e.getMessage().contains("token"), e.getMessage());
  }

  @Test
  void aGuestResourceBelongsToItsInstance() {
    ComponentInstance a = instance();
    GuestResource b = blob(a, 4);
    try (Store<Void> other = engine.newStore(null)) {
      ComponentInstance elsewhere = instance(other);
      assertThrows(IllegalArgumentException.class, () -> call(elsewhere, "peek", b));
    }
    assertEquals(4, call(a, "peek", b), "refused there, still fine here");
    b.close();
    assertEquals(List.of(4), blobsDropped);
  }

  @Test
  void closingTheStoreEndsItsResources() {
    GuestResource b;
    try (Store<Void> s = engine.newStore(null)) {
      b = blob(instance(s), 6);
    }
    // the store is gone: closing the handle may do nothing or refuse, but never crash
    try {
      b.close();
    } catch (IllegalStateException expected) {
      // refused: the store is closed
    }
    try (Store<Void> s = engine.newStore(null)) {
      ComponentInstance i = instance(s);
      assertEquals(8, call(i, "peek", blob(i, 8)), "a fresh store works");
    }
  }
}
