package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.wasmtime.internal.HotCalls;
import org.junit.jupiter.api.Test;

/**
 * The native path in use is the one promised: FFM on JDK 22+ (unless {@code
 * -Ddev.wasmlayer.wasmtime.ffm=false}), JNA before. The whole TCK and spec suite run on whichever
 * this is; CI runs them on JDK 25 (FFM) and JDK 17 (JNA).
 */
class HotPathTest {
  @Test
  void theChosenPathMatchesTheJdkAndTheProperty() {
    try (Engine engine = Engines.create("wasmtime", EngineConfig.defaults())) {
      boolean ffm =
          Runtime.version().feature() >= 22
              && !"false".equals(System.getProperty("dev.wasmlayer.wasmtime.ffm"));
      assertEquals(ffm ? "ffm" : "jna", HotCalls.get().name(), "on JDK " + Runtime.version());
      assertTrue(
          engine.toString().endsWith("(cranelift, " + (ffm ? "FFM" : "JNA") + ")"),
          engine::toString);
    }
  }
}
