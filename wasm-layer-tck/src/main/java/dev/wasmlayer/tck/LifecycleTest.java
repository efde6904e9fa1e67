package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Engine;
import dev.wasmlayer.Func;
import dev.wasmlayer.Global;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.ValType;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Closing rules: idempotent close, and IllegalStateException (never a crash) for anything used
 * after close.
 */
class LifecycleTest extends TckBase {
  private static void assertClosed(Executable e) {
    IllegalStateException x = assertThrows(IllegalStateException.class, e);
    assertTrue(x.getMessage().contains("closed"), x.getMessage());
  }

  @Test
  void everythingInAClosedStoreRefusesUse() {
    Store<Void> s = engine.newStore(null);
    Instance i = s.instantiate(module("memory"));
    Func f = func(i, "size");
    Memory m = i.memory("memory").orElseThrow();
    IntUnaryOperator view = func(i, "load_u8").typed(IntUnaryOperator.class);
    Global g =
        s.instantiate(module("host"), HostFunctionsTest.echoImports().build())
            .global("count")
            .orElseThrow();
    s.close();
    assertTrue(s.isClosed());
    assertClosed(() -> f.call());
    assertClosed(() -> f.callRaw(new long[1]));
    assertClosed(() -> view.applyAsInt(0));
    assertClosed(() -> m.readInt(0));
    assertClosed(() -> m.write(0, new byte[1]));
    assertClosed(() -> m.grow(1));
    assertClosed(() -> g.get());
    assertClosed(() -> g.set(Value.i32(1)));
    assertClosed(() -> s.instantiate(module("numbers")));
    assertClosed(() -> s.newMemory(MemoryType.of(1)));
    assertClosed(() -> i.exports());
  }

  @Test
  void closeIsIdempotent() {
    Store<Void> s = engine.newStore(null);
    s.close();
    assertDoesNotThrow(s::close);
    Module m = engine.compile(Tck.wasm("numbers"));
    m.close();
    assertDoesNotThrow(m::close);
    Engine e = Tck.newEngine();
    e.close();
    assertDoesNotThrow(e::close);
  }

  @Test
  void aClosedModuleCannotBeInstantiatedButItsInstancesLive() {
    Module m = engine.compile(Tck.wasm("numbers"));
    Instance before = store.instantiate(m);
    m.close();
    assertClosed(() -> store.instantiate(m));
    assertEquals(42, func(before, "answer").call()[0].i32());
  }

  @Test
  void aClosedEngineRefusesWorkButItsStoresLive() {
    Engine e = Tck.newEngine();
    Module m = e.compile(Tck.wasm("numbers"));
    Store<Void> s = e.newStore(null);
    e.close();
    assertClosed(() -> e.compile(Tck.wasm("numbers")));
    assertClosed(() -> e.newStore(null));
    try {
      assertEquals(42, func(s.instantiate(m), "answer").call()[0].i32());
    } finally {
      s.close();
      m.close();
    }
  }

  @Test
  void aHostFunctionMayCloseItsOwnStore() {
    Store<Void> s = engine.newStore(null);
    AtomicInteger calls = new AtomicInteger();
    Imports imports = HostFunctionsTest.echoImports().build();
    Imports.Builder b = Imports.builder();
    imports
        .definitions()
        .get("host")
        .forEach(
            (n, binding) -> {
              if (!n.equals("i32")) {
                Imports.HostFunc h = (Imports.HostFunc) binding;
                b.func("host", n, h.type(), h.function());
              }
            });
    b.func(
        "host",
        "i32",
        FuncType.of(ValType.I32, ValType.I32),
        (c, a) -> {
          calls.incrementAndGet();
          c.store().close(); // the loop goes on calling this function after its store closed
          return new Value[] {a[0]};
        });
    Instance i = s.instantiate(module("host"), b.build());
    try {
      func(i, "loop_i32").call(Value.i32(5));
    } catch (WasmException | IllegalStateException defined) {
      // either the engine finishes the call or stops it; what matters is a defined outcome and no
      // crash
    }
    assertTrue(s.isClosed());
    assertTrue(calls.get() >= 1);
    assertClosed(() -> func(i, "loop_i32").call(Value.i32(1)));
  }

  @Test
  void storeDataIsReplaceable() {
    Store<String> s = engine.newStore("a");
    try {
      assertEquals("a", s.data());
      s.setData("b");
      assertEquals("b", s.data());
      assertFalse(s.isClosed());
    } finally {
      s.close();
    }
  }
}
