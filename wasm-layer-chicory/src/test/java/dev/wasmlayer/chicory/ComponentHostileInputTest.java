package dev.wasmlayer.chicory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Store;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.tck.support.ComponentText;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Damaged components (random byte changes, truncations) are refused with a {@link
 * CompileException}, or, when they still parse, fail to link or run with a WasmException: never
 * another exception.
 */
class ComponentHostileInputTest {
  @Test
  @Timeout(120)
  void damagedComponentsFailWithTypedExceptions() {
    byte[] good = ComponentText.load("resources");
    Random random = new Random(21);
    int compiled = 0;
    try (Engine engine = Engines.create("chicory", EngineConfig.defaults())) {
      for (int n = 0; n < 300; n++) {
        byte[] bad = good.clone();
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
          bad[8 + random.nextInt(bad.length - 8)] = (byte) random.nextInt(256);
        }
        if (n % 10 == 0) {
          bad = java.util.Arrays.copyOf(bad, 8 + random.nextInt(bad.length - 8));
        }
        Component c;
        try {
          c = engine.compileComponent(bad);
        } catch (CompileException expected) {
          continue;
        }
        compiled++;
        try (c;
            Store<Void> store = engine.newStore(null)) {
          store.instantiate(c, ComponentImports.empty());
        } catch (WasmException expected) {
          // a missing import, most likely
        }
      }
    }
    assertTrue(compiled < 300, "some damage must be noticed");
  }
}
