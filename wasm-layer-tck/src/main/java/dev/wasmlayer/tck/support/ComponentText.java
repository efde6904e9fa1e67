package dev.wasmlayer.tck.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Assembles component text that a test module keeps in {@code src/test/resources/components} with
 * jco ({@code jco parse}), for engines whose tests need component binaries made from text; found in
 * {@code ~/.cache/wasm-layer/jco-*} (installed by {@code scripts/build-components.sh}) or at {@code
 * -Ddev.wasmlayer.jco=PATH}. Without jco the tests are aborted, except under {@code CI=true}, where
 * they fail.
 */
public final class ComponentText {
  private static final java.util.Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

  private ComponentText() {}

  /**
   * {@return the component assembled from the test resource {@code components/NAME.wat}}
   *
   * @param name the resource's name without {@code .wat}
   */
  public static byte[] load(String name) {
    return CACHE.computeIfAbsent(name, ComponentText::assemble);
  }

  private static Optional<Path> jco() {
    String given = System.getProperty("dev.wasmlayer.jco");
    if (given != null) {
      return Optional.of(Path.of(given));
    }
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "wasm-layer");
    if (!Files.isDirectory(cache)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(cache)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("jco-"))
          .map(d -> d.resolve("node_modules/.bin/jco"))
          .filter(Files::isExecutable)
          .max(Comparator.naturalOrder());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static byte[] assemble(String name) {
    Optional<Path> jco = jco();
    if (jco.isEmpty()) {
      String why = "jco not found: run scripts/build-components.sh (or set -Ddev.wasmlayer.jco)";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    try {
      Path dir = Files.createTempDirectory("wl-components");
      Path wat = dir.resolve(name + ".wat");
      Path wasm = dir.resolve(name + ".wasm");
      // the calling test module's resources: found through its class loader, not this jar's
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      try (InputStream in =
          loader != null
              ? loader.getResourceAsStream("components/" + name + ".wat")
              : ComponentText.class.getResourceAsStream("/components/" + name + ".wat")) {
        if (in == null) {
          throw new IllegalArgumentException("no test resource components/" + name + ".wat");
        }
        Files.write(wat, in.readAllBytes());
      }
      Process p =
          new ProcessBuilder(jco.get().toString(), "parse", wat.toString(), "-o", wasm.toString())
              .redirectErrorStream(true)
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("jco parse " + name + " timed out");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        fail("jco parse " + name + " failed: " + out);
      }
      byte[] bytes = Files.readAllBytes(wasm);
      Files.delete(wasm);
      Files.delete(wat);
      Files.delete(dir);
      return bytes;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
