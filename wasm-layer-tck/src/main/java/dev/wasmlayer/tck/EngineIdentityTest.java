package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Engines;
import dev.wasmlayer.ExecutionStrategy;
import dev.wasmlayer.ProviderStatus;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import org.junit.jupiter.api.Test;

/**
 * The run tests the engine it claims to: the pinned one, found by discovery, in the requested mode.
 */
class EngineIdentityTest extends TckBase {
  @Test
  void theEngineUnderTestIsThePinnedOne() {
    String pinned = System.getProperty(Engines.ENGINE_PROPERTY, "");
    assertFalse(
        pinned.isBlank(),
        "run the TCK with -D" + Engines.ENGINE_PROPERTY + "=ID so it knows what it tests");
    assertEquals(pinned, engine.id());
    assertEquals(pinned, Tck.provider().id());
  }

  @Test
  void theEngineRunsInTheRequestedMode() {
    assertNotEquals(
        ExecutionStrategy.AUTO,
        engine.strategy(),
        "an engine reports the strategy it actually uses");
    if (Tck.strategy() != ExecutionStrategy.AUTO) {
      assertEquals(Tck.strategy(), engine.strategy());
    }
  }

  @Test
  void discoveryListsTheEngineAsUsable() {
    ProviderStatus status =
        Engines.providers().stream()
            .filter(s -> s.id().equals(engine.id()))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError(engine.id() + " not listed by Engines.providers()"));
    assertTrue(status.usable(), status.describe());
    assertTrue(status.describe().startsWith(engine.id() + " ("), status.describe());
  }

  @Test
  void engineAndProviderAgree() {
    assertEquals(Tck.provider().version(), engine.version());
    // an engine may lack a feature its provider declares for its configuration (Chicory's
    // interpreter has no
    // compilation cache), never have one the provider does not declare; and every engine of one
    // config agrees
    assertTrue(
        Tck.provider().features().containsAll(engine.features()),
        "engine " + engine.features() + " vs provider " + Tck.provider().features());
    assertEquals(Tck.features(), engine.features());
    assertFalse(engine.version().isBlank());
  }

  @Test
  void toStringSaysEngineAndVersion() {
    // logs print the engine: they must say which one and which version, not Engine@6debcae2
    String s = engine.toString();
    assertTrue(s.startsWith(engine.id() + " " + engine.version() + " ("), s);
  }
}
