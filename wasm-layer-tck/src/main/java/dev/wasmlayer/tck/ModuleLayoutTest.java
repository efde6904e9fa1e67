package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasmlayer.Engine;
import dev.wasmlayer.tck.support.TckBase;
import org.junit.jupiter.api.Test;

/**
 * The TCK runs both ways users deploy: on the class path (surefire) and on the module path ({@code
 * scripts/tck-module-path.sh}, which sets {@code -Ddev.wasmlayer.tck.modulePath=true}). This checks
 * the run really was what it claims, so a module-path run cannot silently fall back to the class
 * path.
 */
class ModuleLayoutTest extends TckBase {
  @Test
  void theApiAndTheEngineAreNamedModulesExactlyOnTheModulePath() {
    boolean modulePath = Boolean.getBoolean("dev.wasmlayer.tck.modulePath");
    Module api = Engine.class.getModule();
    assertEquals(modulePath, api.isNamed(), "API module " + api);
    assertEquals(
        modulePath,
        engine.getClass().getModule().isNamed(),
        "engine module " + engine.getClass().getModule());
    if (modulePath) {
      assertEquals("dev.wasmlayer.api", api.getName());
      assertEquals("dev.wasmlayer.tck", ModuleLayoutTest.class.getModule().getName());
    }
  }
}
