package dev.wasmlayer.tck.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory, for tests that bound what a guest may make the process hold. */
public final class Rss {
  private static final Path STATUS = Path.of("/proc/self/status");

  private Rss() {}

  /**
   * {@return the resident bytes (Linux {@code VmRSS}), or 0 where the system does not say (then
   * growth reads as none)}
   */
  public static long bytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no figure
    }
    return 0;
  }
}
