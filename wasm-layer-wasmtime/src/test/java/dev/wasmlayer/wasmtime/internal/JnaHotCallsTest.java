package dev.wasmlayer.wasmtime.internal;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.sun.jna.Pointer;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import org.junit.jupiter.api.Test;

/**
 * The JNA path's host-function callback: JNA turns an exception escaping a callback into a stack
 * trace and a null return, which wasmtime reads as a host function that succeeded with its results
 * unset. It must be a trap.
 */
class JnaHotCallsTest {
  @Test
  @org.junit.jupiter.api.Timeout(60)
  void anExceptionOrErrorEscapingTheDispatchIsATrapNotASuccess() {
    try (Engine engine = Engines.create("wasmtime", EngineConfig.defaults())) { // binds libwasmtime
      assertNotNull(engine.version());
      for (Throwable thrown :
          new Throwable[] {
            new IllegalStateException("boom"),
            new StackOverflowError(),
            new OutOfMemoryError("a user stream")
          }) {
        HotCalls.Dispatch failing =
            (env, caller, args, nargs, results, nresults) -> {
              if (thrown instanceof Error) {
                throw (Error) thrown;
              }
              throw (RuntimeException) thrown;
            };
        Pointer trap = JnaHotCalls.guarded(failing).invoke(null, null, null, 0, null, 0);
        assertNotNull(trap, "a trap for " + thrown);
        Wasmtime.wasm_trap_delete(trap);
        HotCalls.RawDispatch failingRaw =
            (env, caller, argsAndResults, n) -> {
              failing.invoke(null, null, null, 0, null, 0);
              return 0;
            };
        long rawTrap = JnaHotCalls.guardedRaw(failingRaw).invoke(0, 0, 0, 0);
        assertNotEquals(0, rawTrap, "a trap from the unchecked callback for " + thrown);
        Wasmtime.wasm_trap_delete(new Pointer(rawTrap));
      }
    }
  }
}
