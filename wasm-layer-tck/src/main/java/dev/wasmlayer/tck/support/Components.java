package dev.wasmlayer.tck.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * Where the TCK finds its components. They are built, never committed (a component made from a C
 * program embeds jco's WASI adapter), by {@code scripts/build-components.sh} into {@code
 * target/components} of the project; {@code ./wl test} and CI run it first. The location is {@code
 * -Ddev.wasmlayer.components.dir}, else the first {@code target/components} holding the script's
 * {@code .stamp} found walking up from the working directory.
 */
public final class Components {
  /** The system property naming the directory of built components. */
  public static final String DIR_PROPERTY = "dev.wasmlayer.components.dir";

  private Components() {}

  /** {@return the directory of built components, if there is one} */
  public static Optional<Path> locate() {
    String configured = System.getProperty(DIR_PROPERTY, "").trim();
    if (!configured.isEmpty()) {
      Path p = Paths.get(configured);
      return Files.isRegularFile(p.resolve(".stamp")) ? Optional.of(p) : Optional.empty();
    }
    for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve("target/components");
      if (Files.isRegularFile(p.resolve(".stamp"))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * {@return the directory of built components} Without one the calling test aborts, or fails when
   * the environment variable {@code CI} is {@code true} (CI must build them).
   */
  public static Path require() {
    return locate()
        .orElseGet(
            () -> {
              String msg = "components not found at " + searched();
              if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(msg + "; CI must build them");
              }
              throw new TestAbortedException(msg);
            });
  }

  /** {@return where it looks, for the message when nothing is found} */
  public static String searched() {
    String configured = System.getProperty(DIR_PROPERTY, "").trim();
    return configured.isEmpty()
        ? "target/components above "
            + Paths.get("").toAbsolutePath()
            + " (run scripts/build-components.sh, or set -D"
            + DIR_PROPERTY
            + "=DIR)"
        : configured + " (from -D" + DIR_PROPERTY + "; run scripts/build-components.sh)";
  }

  /**
   * {@return the bytes of a built component}
   *
   * @param dir the directory {@link #locate()} found
   * @param name the file name without {@code .wasm}
   */
  public static byte[] read(Path dir, String name) {
    try {
      return Files.readAllBytes(dir.resolve(name + ".wasm"));
    } catch (IOException e) {
      throw new UncheckedIOException("no component " + name + " in " + dir, e);
    }
  }
}
