package dev.wasmlayer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The package documentation's example prints its greeting. */
class PackageExampleTest {
  @Test
  void printsTheGreeting() {
    PrintStream saved = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      PackageExample.main(new String[0]);
    } finally {
      System.setOut(saved);
    }
    assertEquals(
        "Hello from Java, WebAssembly!" + System.lineSeparator(),
        out.toString(StandardCharsets.UTF_8));
  }
}
