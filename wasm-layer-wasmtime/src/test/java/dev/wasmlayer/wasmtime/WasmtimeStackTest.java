package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Store;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.Tck;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Wasm runs on the calling Java thread's stack. With {@code wasmtime.maxWasmStack} below the
 * thread's free stack, deep recursion stops with a STACK_OVERFLOW trap, never at the JVM's guard
 * page.
 */
class WasmtimeStackTest {
  private static Throwable recurseOnThread(long threadStack, long wasmStack)
      throws InterruptedException {
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              EngineConfig config =
                  EngineConfig.builder()
                      .option("wasmtime.maxWasmStack", Long.toString(wasmStack))
                      .build();
              try (Engine engine = Engines.create(WasmtimeEngineProvider.ID, config);
                  Store<Void> store = engine.newStore(null)) {
                Instance i = store.instantiate(engine.compile(Tck.wasm("traps")));
                i.func("recurse").orElseThrow().call(Value.i32(0));
              } catch (Throwable e) {
                outcome.set(e);
              }
            },
            "small-stack",
            threadStack);
    t.start();
    t.join();
    return outcome.get();
  }

  @Test
  void deepRecursionOnASmallThreadTraps() throws InterruptedException {
    Throwable t = recurseOnThread(1024 * 1024, 256 * 1024);
    assertEquals(TrapException.class, t.getClass(), String.valueOf(t));
    assertEquals(TrapKind.STACK_OVERFLOW, ((TrapException) t).kind());
  }

  @Test
  void theDefaultLimitTrapsOnAnOrdinaryThread() throws InterruptedException {
    Throwable t = recurseOnThread(8 * 1024 * 1024, 512 * 1024);
    assertEquals(TrapKind.STACK_OVERFLOW, ((TrapException) t).kind());
  }
}
