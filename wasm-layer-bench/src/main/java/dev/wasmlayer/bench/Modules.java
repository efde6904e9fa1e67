package dev.wasmlayer.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The benchmark module's bytes. */
final class Modules {
  private Modules() {}

  static byte[] bench() {
    try (InputStream in = Modules.class.getResourceAsStream("/dev/wasmlayer/bench/bench.wasm")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
