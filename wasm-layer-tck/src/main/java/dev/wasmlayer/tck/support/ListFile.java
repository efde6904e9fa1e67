package dev.wasmlayer.tck.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The format of the lists a backend ships for the TCK (known failures, spec exclusions): one {@code
 * key | reason} per line, {@code #} comments, every copy of the resource on the class path read.
 */
public final class ListFile {
  /**
   * One line.
   *
   * @param key what is listed, before the bar
   * @param reason why, after the bar
   */
  public record Entry(String key, String reason) {}

  private ListFile() {}

  /**
   * {@return every entry of every {@code resource} visible to the context class loader}
   *
   * @param resource the class-path resource to read
   */
  public static List<Entry> read(String resource) {
    List<Entry> out = new ArrayList<>();
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      for (URL url : Collections.list(loader.getResources(resource))) {
        read(url, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static void read(URL url, List<Entry> out) throws IOException {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        line = line.trim();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int bar = line.indexOf('|');
        if (bar < 0 || line.substring(bar + 1).isBlank()) {
          throw new IllegalStateException(
              url + ":" + n + ": an entry is 'what | reason', got: " + line);
        }
        out.add(new Entry(line.substring(0, bar).trim(), line.substring(bar + 1).trim()));
      }
    }
  }
}
