package dev.wasmlayer.wasmtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;

/**
 * What a natives jar says about its library ({@code wasmtime-natives.properties} beside it): which
 * wasmtime, which file, its SHA-256 and size. The SHA-256 names the library's cache directory; the
 * size tells a complete cached copy from a truncated one without reading it.
 *
 * @param version the wasmtime version, e.g. {@code 49.0.0}
 * @param platform the platform key, e.g. {@code linux-x86_64}
 * @param file the library's file name, e.g. {@code libwasmtime.so}
 * @param sha256 the library's SHA-256, 64 lower-case hex digits
 * @param size the library's size in bytes
 * @param artifact the jar's Maven coordinates, for diagnostics (may be empty)
 */
public record NativesManifest(
    String version, String platform, String file, String sha256, long size, String artifact) {
  /** The manifest's name, in the library's resource directory. */
  public static final String NAME = "wasmtime-natives.properties";

  /**
   * Checks the fields: a manifest that could name a path outside the cache, or no file, is refused.
   */
  public NativesManifest {
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "sha256 is not 64 lower-case hex digits: '" + sha256 + "'");
    }
    if (!file.matches("[A-Za-z0-9._-]+") || file.startsWith(".")) {
      throw new IllegalArgumentException("not a plain file name: '" + file + "'");
    }
    if (size <= 0) {
      throw new IllegalArgumentException("size must be positive: " + size);
    }
  }

  /** Reads a manifest; a missing or malformed field is an {@link IOException} naming it. */
  public static NativesManifest read(InputStream in) throws IOException {
    Properties p = new Properties();
    p.load(in);
    try {
      return new NativesManifest(
          field(p, "version"),
          field(p, "platform"),
          field(p, "file"),
          field(p, "sha256").toLowerCase(Locale.ROOT),
          Long.parseLong(field(p, "size")),
          p.getProperty("artifact", ""));
    } catch (IllegalArgumentException e) {
      throw new IOException("malformed " + NAME + ": " + e.getMessage(), e);
    }
  }

  private static String field(Properties p, String key) throws IOException {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new IOException(NAME + " has no '" + key + "'");
    }
    return v.trim();
  }
}
