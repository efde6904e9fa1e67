package dev.wasmlayer.wasmtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Component text for the tests, from {@code src/test/resources/components}. wasmtime assembles
 * component text itself (its C library is built with the text format), so no external assembler is
 * needed.
 */
final class ComponentTexts {
  private ComponentTexts() {}

  static byte[] read(String name) {
    try (InputStream in =
        ComponentTexts.class.getResourceAsStream("/components/" + name + ".wat")) {
      if (in == null) {
        throw new IllegalStateException("no test component " + name + ".wat");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] text(String wat) {
    return wat.getBytes(StandardCharsets.UTF_8);
  }
}
