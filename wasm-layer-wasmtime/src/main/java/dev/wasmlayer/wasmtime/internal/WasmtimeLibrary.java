package dev.wasmlayer.wasmtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds libwasmtime 49.0.0 without loading it. Search order: {@code -Ddev.wasmlayer.wasmtime.library=PATH}, the
 * environment variable {@code WASMTIME_LIB_PATH}, a natives jar on the class path
 * ({@code /dev/wasmlayer/wasmtime/natives/<platform>/libwasmtime.so}, extracted to the cache), the system library path
 * ({@code java.library.path}, {@code LD_LIBRARY_PATH}), then the project's cache
 * ({@code ~/.cache/wasm-layer/wasmtime-49.0.0/<platform>/}, filled by {@code scripts/provision-wasmtime.sh}).
 *
 * <p>The C API has no version function, so the file's SHA-256 must be a known official 49.0.0 build; a different file is
 * refused, unless {@code -Ddev.wasmlayer.wasmtime.skipChecksum=true} says the user vouches for it.
 */
public final class WasmtimeLibrary {
  /** The wasmtime version the binding targets. */
  public static final String VERSION = "49.0.0";
  /** Explicit path property. */
  public static final String PATH_PROPERTY = "dev.wasmlayer.wasmtime.library";
  /** Explicit path environment variable. */
  public static final String PATH_ENV = "WASMTIME_LIB_PATH";
  /** Accept a library whose checksum is unknown. */
  public static final String SKIP_CHECKSUM_PROPERTY = "dev.wasmlayer.wasmtime.skipChecksum";

  /** Official 49.0.0 builds by platform: the C API library from the PyPI wheel. */
  static final Map<String, String> KNOWN_SHA256 = Map.of(
      "linux-x86_64", "9594714d3c73c3087ab3d42d9614cf72973b25c181b8625ffcc46a8a75972d7e");

  private WasmtimeLibrary() {}

  /**
   * The outcome of a search.
   *
   * @param path the library found, if any
   * @param report every place tried and what was there, one per line
   */
  public record Found(Optional<Path> path, List<String> report) {
    /** Why nothing usable was found, with the fix. */
    public String explain() {
      return "libwasmtime " + VERSION + " not found or not usable; tried:" + System.lineSeparator() + "  "
          + String.join(System.lineSeparator() + "  ", report) + System.lineSeparator()
          + "Fix: run scripts/provision-wasmtime.sh (it fetches the official build and checks it), or set "
          + PATH_ENV + " / -D" + PATH_PROPERTY + " to a libwasmtime " + VERSION + " C API library.";
    }
  }

  /** The platform key, e.g. {@code linux-x86_64}. */
  public static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String o = os.contains("linux") ? "linux" : os.contains("mac") ? "macos" : os.contains("win") ? "windows" : os;
    String a = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
        : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
    return o + "-" + a;
  }

  private static String fileName() {
    String os = platform();
    return os.startsWith("windows") ? "wasmtime.dll" : os.startsWith("macos") ? "libwasmtime.dylib" : "libwasmtime.so";
  }

  /** The project's cache directory for this version and platform. */
  public static Path cacheDir() {
    String base = System.getenv("WASM_LAYER_CACHE");
    Path root = base != null && !base.isBlank() ? Paths.get(base)
        : Paths.get(System.getProperty("user.home"), ".cache", "wasm-layer");
    return root.resolve("wasmtime-" + VERSION).resolve(platform());
  }

  /** Searches every place in order; the first usable file wins. */
  public static Found find() {
    List<String> report = new ArrayList<>();
    String prop = System.getProperty(PATH_PROPERTY, "").trim();
    if (!prop.isEmpty()) {
      return conclude(Paths.get(prop), "-D" + PATH_PROPERTY, report, true);
    }
    report.add("-D" + PATH_PROPERTY + ": not set");
    String env = System.getenv(PATH_ENV);
    if (env != null && !env.isBlank()) {
      return conclude(Paths.get(env.trim()), PATH_ENV, report, true);
    }
    report.add(PATH_ENV + ": not set");
    Optional<Path> fromJar = extractFromClassPath(report);
    if (fromJar.isPresent()) {
      return conclude(fromJar.get(), "natives jar", report, true);
    }
    for (String dir : systemPath()) {
      Path candidate = Paths.get(dir).resolve(fileName());
      if (Files.isRegularFile(candidate)) {
        Found f = conclude(candidate, "system library path", report, false);
        if (f.path().isPresent()) {
          return f;
        }
      }
    }
    report.add("system library path (" + String.join(":", systemPath()) + "): no usable " + fileName());
    Path cached = cacheDir().resolve(fileName());
    if (Files.isRegularFile(cached)) {
      return conclude(cached, "cache", report, true);
    }
    report.add("cache " + cached + ": missing");
    return new Found(Optional.empty(), report);
  }

  /** Checks one candidate; an explicit choice that fails ends the search. */
  private static Found conclude(Path p, String where, List<String> report, boolean final_) {
    if (!Files.isRegularFile(p)) {
      report.add(where + " " + p + ": no such file");
      return new Found(Optional.empty(), report);
    }
    String expected = KNOWN_SHA256.get(platform());
    String actual = sha256(p);
    if (expected != null && expected.equals(actual)) {
      report.add(where + " " + p + ": wasmtime " + VERSION + " (sha256 ok)");
      return new Found(Optional.of(p.toAbsolutePath()), report);
    }
    if (Boolean.getBoolean(SKIP_CHECKSUM_PROPERTY)) {
      report.add(where + " " + p + ": sha256 " + actual + " unknown, accepted by -D" + SKIP_CHECKSUM_PROPERTY);
      return new Found(Optional.of(p.toAbsolutePath()), report);
    }
    report.add(where + " " + p + ": sha256 " + actual + " is not a known wasmtime " + VERSION + " build for "
        + platform() + " (set -D" + SKIP_CHECKSUM_PROPERTY + "=true to use it anyway)");
    return new Found(Optional.empty(), report);
  }

  private static Optional<Path> extractFromClassPath(List<String> report) {
    String resource = "/dev/wasmlayer/wasmtime/natives/" + platform() + "/" + fileName();
    try (InputStream in = WasmtimeLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        report.add("natives jar " + resource + ": not on the class path");
        return Optional.empty();
      }
      Path target = cacheDir().resolve("from-jar").resolve(fileName());
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), "libwasmtime", ".tmp");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return Optional.of(target);
    } catch (IOException e) {
      report.add("natives jar " + resource + ": could not extract (" + e.getMessage() + ")");
      return Optional.empty();
    }
  }

  private static List<String> systemPath() {
    List<String> dirs = new ArrayList<>();
    for (String var : new String[] {System.getProperty("java.library.path", ""), System.getenv("LD_LIBRARY_PATH")}) {
      if (var != null) {
        for (String d : var.split(java.io.File.pathSeparator)) {
          if (!d.isBlank() && !dirs.contains(d)) {
            dirs.add(d);
          }
        }
      }
    }
    return dirs;
  }

  static String sha256(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
