package dev.wasmlayer.graalwasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Engines;
import dev.wasmlayer.ProviderStatus;
import dev.wasmlayer.spi.Availability;
import org.junit.jupiter.api.Test;

/**
 * The provider loads on every JDK the layer supports and says whether GraalWasm can run: CI runs
 * this on JDK 17 (where it must be unavailable, with the reason, and discovery must still work) and
 * on JDK 21+ (available).
 */
class GraalWasmJdkTest {
  @Test
  void availabilityFollowsTheJdk() {
    Availability a = new GraalWasmEngineProvider().availability();
    if (Runtime.version().feature() >= 21) {
      assertTrue(a.available(), a.reason());
    } else {
      assertFalse(a.available());
      assertTrue(a.reason().contains("JDK 21"), a.reason());
    }
  }

  @Test
  void discoveryListsTheProviderWithItsStatus() {
    ProviderStatus status =
        Engines.providers().stream()
            .filter(p -> p.id().equals(GraalWasmEngineProvider.ID))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("graalwasm not discovered: " + Engines.providers()));
    assertEquals(Runtime.version().feature() >= 21, status.usable(), status.toString());
  }

  @Test
  void versionIsThePinnedGraalWasm() {
    assertEquals("25.0.2", new GraalWasmEngineProvider().version());
  }
}
