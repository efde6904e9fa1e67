package dev.wasmlayer.wat;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the assembler's tests find the spec suite: {@code -Ddev.wasmlayer.spec.dir}, else {@code
 * ../shared/spec}.
 */
final class SpecSuite {
  private SpecSuite() {}

  /** The suite's root (with {@code tests/} and {@code wast/}). */
  static Path dir() {
    String configured = System.getProperty("dev.wasmlayer.spec.dir", "");
    if (!configured.isEmpty()) {
      return Path.of(configured);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("../shared/spec").normalize();
      if (Files.isDirectory(candidate.resolve("tests"))) {
        return candidate;
      }
    }
    throw new AssertionError(
        "no spec suite: set -Ddev.wasmlayer.spec.dir or put it at ../shared/spec");
  }
}
