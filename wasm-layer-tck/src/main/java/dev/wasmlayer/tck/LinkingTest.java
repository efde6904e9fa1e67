package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Func;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.ValType;
import org.junit.jupiter.api.Test;

/**
 * Resolving imports by name: host functions, other instances' exports, and every way it can fail.
 */
class LinkingTest extends TckBase {
  @Test
  void missingImportNamesIt() {
    LinkException e = assertThrows(LinkException.class, () -> instantiate("host"));
    assertTrue(e.getMessage().contains("host.i32"), e.getMessage());
  }

  @Test
  void wrongFunctionTypeNamesBothTypes() {
    Imports imports =
        Imports.builder()
            .func("env", "started", FuncType.ofParams(ValType.I64), (c, a) -> Value.NONE)
            .build();
    LinkException e = assertThrows(LinkException.class, () -> instantiate("start_host", imports));
    assertTrue(e.getMessage().contains("env.started"), e.getMessage());
    assertTrue(e.getMessage().contains("i64"), e.getMessage());
  }

  @Test
  void wrongKindIsRejected() {
    Memory m = store.newMemory(MemoryType.of(1));
    Imports imports = Imports.builder().memory("env", "started", m).build();
    LinkException e = assertThrows(LinkException.class, () -> instantiate("start_host", imports));
    assertTrue(e.getMessage().contains("env.started"), e.getMessage());
    Imports asFunction =
        Imports.builder().func("env", "memory", FuncType.ofParams(), (c, a) -> Value.NONE).build();
    assertThrows(LinkException.class, () -> instantiate("memory_import", asFunction));
  }

  @Test
  void aWholeInstanceCanBeImported() {
    Instance producer = instantiate("producer");
    Instance consumer =
        instantiate("consumer", Imports.builder().instance("producer", producer).build());
    assertEquals(110, func(consumer, "run").call(Value.i32(5))[0].i32());
    func(producer, "poke").call(Value.i32(64), Value.i32(777));
    assertEquals(
        777,
        func(consumer, "peek").call(Value.i32(64))[0].i32(),
        "the memory is shared, not copied");
  }

  @Test
  void singleExportsCanBeImported() {
    Instance producer = instantiate("producer");
    Func dbl = func(producer, "double");
    Imports imports =
        Imports.builder()
            .memory("producer", "memory", producer.memory("memory").orElseThrow())
            .global("producer", "base", producer.global("base").orElseThrow())
            .func("producer", "double", dbl)
            .build();
    assertEquals(120, func(instantiate("consumer", imports), "run").call(Value.i32(10))[0].i32());
  }

  @Test
  void externsOfAnotherStoreAreRejected() {
    try (Store<Void> other = engine.newStore(null)) {
      Memory foreign = other.newMemory(MemoryType.of(1));
      LinkException e =
          assertThrows(
              LinkException.class,
              () ->
                  instantiate(
                      "memory_import", Imports.builder().memory("env", "memory", foreign).build()));
      assertTrue(e.getMessage().contains("store"), e.getMessage());
    }
  }

  @Test
  void anExportedStartFunctionIsNotRunByInstantiation() {
    Instance i = instantiate("command");
    assertEquals(0, i.global("ran").orElseThrow().get().i32());
    func(i, "_start").call();
    assertEquals(1, i.global("ran").orElseThrow().get().i32());
  }
}
