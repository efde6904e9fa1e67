package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmlayer.tck.support.TckBase;
import org.junit.jupiter.api.Test;

/**
 * Always fails. Every backend lists it as a known failure; if the list is not read, this breaks the run, which proves
 * the expected-failure machinery is wired.
 */
class CanaryTest extends TckBase {
  @Test
  void canary() {
    fail("canary: always fails; list 'CanaryTest#canary | canary' in wasm-layer-tck/known-failures.txt");
  }
}
