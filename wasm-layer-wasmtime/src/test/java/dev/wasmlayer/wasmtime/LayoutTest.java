package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.types.HeapType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The struct sizes and offsets the binding assumes, checked against the library by behaviour: a
 * wrong size or offset makes these round trips fail (or read garbage), so a wasmtime upgrade that
 * changes the ABI fails loudly here.
 */
class LayoutTest {
  private static Engine engine;

  @BeforeAll
  static void start() {
    engine = Engines.create(WasmtimeEngineProvider.ID, EngineConfig.defaults());
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void valtypeLayoutReadsKindNullabilityAndHeapType() {
    Pointer externref = Wasmtime.wasm_valtype_new(Layout.WASM_EXTERNREF);
    Memory out = Natives.alloc(Layout.VALTYPE_SIZE);
    Wasmtime.wasmtime_valtype_new(externref, out);
    assertEquals(Layout.VALTYPE_REF, out.getByte(0));
    assertEquals(1, out.getByte(Layout.VALTYPE_NULLABLE));
    assertEquals(0, out.getByte(Layout.VALTYPE_HEAP_KIND), "heap kind EXTERN is 0");
    Wasmtime.wasmtime_valtype_delete(out);
    assertEquals(
        RefType.of(true, HeapType.FUNC),
        WasmtimeTypes.valType(Wasmtime.wasm_valtype_new(Layout.WASM_FUNCREF)));
    assertEquals(ValType.V128, WasmtimeTypes.valType(Wasmtime.wasmtime_wasm_valtype_v128()));
  }

  @Test
  void valArrayStrideIs32BytesAndRawSlotsAre16() {
    try (Store<Void> s = engine.newStore(null)) {
      Instance i = s.instantiate(engine.compile(Tck.wasm("multi")));
      // ten arguments of mixed width only add up if every wasmtime_val_t is where the binding puts
      // it
      Value[] args = {
        Value.i32(1),
        Value.i32(2),
        Value.i32(3),
        Value.i32(4),
        Value.i32(5),
        Value.i64(6),
        Value.i64(7),
        Value.i64(8),
        Value.i64(9),
        Value.i64(10)
      };
      assertEquals(55, i.func("sum10").orElseThrow().call(args)[0].i64());
      long[] raw = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
      i.func("sum10").orElseThrow().callRaw(raw);
      assertEquals(55, raw[0]);
    }
  }

  @Test
  void externArrayStrideIs32BytesAndMemoryStructIs24() {
    try (Store<Void> s = engine.newStore(null)) {
      var memory = s.newMemory(MemoryType.of(1, 3));
      memory.writeInt(8, 1234);
      Instance i =
          s.instantiate(
              engine.compile(Tck.wasm("memory_import")),
              Imports.builder().memory("env", "memory", memory).build());
      assertEquals(1234, i.func("load_i32").orElseThrow().call(Value.i32(8))[0].i32());
      assertEquals(1, memory.grow(1));
      assertEquals(
          2,
          i.func("size").orElseThrow().call()[0].i32(),
          "the same memory, through a 24-byte handle");
    }
  }

  @Test
  void theLibraryIsThePinnedVersion() {
    assertTrue(
        WasmtimeEngineProvider.library().report().stream()
            .anyMatch(l -> l.contains("wasmtime 49.0.0")),
        WasmtimeEngineProvider.library().report().toString());
  }
}
