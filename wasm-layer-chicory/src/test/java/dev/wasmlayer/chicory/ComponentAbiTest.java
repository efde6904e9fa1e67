package dev.wasmlayer.chicory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Store;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.WitVariant;
import dev.wasmlayer.tck.support.ComponentText;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The canonical ABI's layouts against hand-written core code ({@code layout.wat}), and what a guest
 * gets wrong trapping with a {@link TrapException}, never another exception.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class ComponentAbiTest {
  private Engine engine;
  private Component component;
  private Store<Void> store;
  private ComponentInstance instance;

  @BeforeAll
  void setUp() {
    engine = Engines.create("chicory", EngineConfig.defaults());
    component = engine.compileComponent(ComponentText.load("layout"));
    store = engine.newStore(null);
    instance = store.instantiate(component, ComponentImports.empty());
  }

  @AfterAll
  void tearDown() {
    store.close();
    component.close();
    engine.close();
  }

  private Object call(String name, Object... args) {
    return instance.func(name).orElseThrow().call(args);
  }

  @Test
  void aRecordFlattensInFieldOrder() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("a", (byte) 200);
    r.put("b", 1L << 40);
    r.put("c", (short) 0xFFFF);
    assertEquals((1L << 40) + 200 + 0xFFFF, call("sum", r));
  }

  @Test
  void variantPayloadsSitAfterTheDiscriminantAtTheirAlignment() {
    assertEquals(new WitVariant("big", 0x1122334455667788L), call("big", 0x1122334455667788L));
    assertEquals(new WitVariant("text", "héllo"), call("text"));
  }

  @Test
  void postReturnRunsAfterEachCall() {
    int before = (Integer) call("posts");
    call("text");
    call("text");
    assertEquals(before + 2, call("posts"));
  }

  @Test
  void stringsInEachEncoding() {
    assertEquals("héllo", call("str", 0));
    assertEquals("hé", call("utf16"));
    assertEquals("abc", call("latin1"));
    assertEquals("hé", call("tagged"));
    assertEquals(7, call("len", "héllo!"));
    assertArrayEquals(new int[] {0, 0}, (int[]) call("words", 2));
  }

  private void traps(TrapKind kind, String name, Object... args) {
    TrapException t = assertThrows(TrapException.class, () -> call(name, args));
    if (kind != null) {
      assertEquals(kind, t.kind(), t.getMessage());
    }
  }

  @Test
  void guestMistakesTrap() {
    traps(TrapKind.MEMORY_OUT_OF_BOUNDS, "str", 1);
    traps(null, "str", 2); // 2 GiB: too long, refused before anything is allocated
    traps(null, "str", 3);
    traps(null, "str", 4);
    traps(null, "words", 0);
    traps(TrapKind.MEMORY_OUT_OF_BOUNDS, "words", 1 << 30);
    traps(null, "ch", 0xD800);
    traps(null, "ch", 0x110000);
    traps(null, "disc", 2);
    traps(TrapKind.MEMORY_OUT_OF_BOUNDS, "ret-ptr");
    traps(TrapKind.MEMORY_OUT_OF_BOUNDS, "len-bad-realloc", "more than two bytes");
    assertEquals("a", call("disc", 0));
    assertEquals(0x10FFFF, call("ch", 0x10FFFF));
  }

  @Test
  void theInstanceStaysUsableAfterATrap() {
    traps(TrapKind.MEMORY_OUT_OF_BOUNDS, "str", 1);
    assertEquals("héllo", call("str", 0));
    assertTrue(instance.func("nope").isEmpty());
  }
}
