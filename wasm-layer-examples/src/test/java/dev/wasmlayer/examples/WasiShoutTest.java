package dev.wasmlayer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The WASI example: arguments in, upper-cased by the bound Java function, printed through WASI's
 * stdout.
 */
class WasiShoutTest {
  @Test
  void shoutsItsArguments() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(0, WasiShout.run(out, err, "hello", "wasm", "ÄÖ-42"));
    assertEquals("HELLO WASM ÄÖ-42! (9 letters raised)\n", out.toString(StandardCharsets.UTF_8));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void nothingToShoutIsExitStatusTwo() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, WasiShout.run(out, err));
    assertEquals("usage: shout WORD...\n", err.toString(StandardCharsets.UTF_8));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }
}
