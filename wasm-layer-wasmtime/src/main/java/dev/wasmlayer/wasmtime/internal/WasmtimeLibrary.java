package dev.wasmlayer.wasmtime.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds libwasmtime 49.0.0 in two steps. {@link #locate()} is what discovery asks: it only looks
 * whether a candidate exists (a resource or a file), never reading or loading a library. {@link
 * #find()} runs when a wasmtime engine is created: it verifies the candidates in order and returns
 * the first usable one.
 *
 * <p>Search order and the check each candidate gets:
 *
 * <ol>
 *   <li>{@code -Ddev.wasmlayer.wasmtime.library=PATH}, then the environment variable {@code
 *       WASMTIME_LIB_PATH}: an explicit choice, which ends the search. Its SHA-256 is checked
 *       against the known official builds once per JVM at the first engine creation (the C API has
 *       no version function, so the checksum is the only proof that it is 49.0.0); {@code
 *       -Ddev.wasmlayer.wasmtime.skipChecksum=true} skips that check and its cost.
 *   <li>the natives jar {@code dev.wasmlayer:wasm-layer-wasmtime-natives} with this platform's
 *       classifier ({@code /dev/wasmlayer/wasmtime/natives/<platform>/} on the class path):
 *       extracted once into {@link NativesCache} and verified while it is extracted; later starts
 *       reuse the copy without hashing it. A cache that cannot be written or is not trusted gives
 *       way to a copy for this JVM only, in a fresh owner-only temporary directory (with a warning:
 *       it is extracted again at every start).
 *   <li>the system library path ({@code java.library.path}, {@code LD_LIBRARY_PATH}), checked like
 *       an explicit path.
 *   <li>the project's cache {@code <cache>/wasmtime-49.0.0/<platform>/} (a library put there by
 *       hand or by an older provisioning script), checked like an explicit path, and only in a
 *       cache others may not write (as {@link NativesCache} trusts one: otherwise it could be
 *       swapped between its check and its loading).
 * </ol>
 *
 * {@code <cache>} is {@code $WASM_LAYER_CACHE}, or {@code ~/.cache/wasm-layer}.
 */
public final class WasmtimeLibrary {
  /** The wasmtime version the binding targets. */
  public static final String VERSION = "49.0.0";

  /** Explicit path property. */
  public static final String PATH_PROPERTY = "dev.wasmlayer.wasmtime.library";

  /** Explicit path environment variable. */
  public static final String PATH_ENV = "WASMTIME_LIB_PATH";

  /** Accept a library whose checksum is unknown, without hashing it. */
  public static final String SKIP_CHECKSUM_PROPERTY = "dev.wasmlayer.wasmtime.skipChecksum";

  /** The natives artifact, without version and classifier. */
  public static final String NATIVES_ARTIFACT = "dev.wasmlayer:wasm-layer-wasmtime-natives";

  /** Official 49.0.0 builds by platform: the C API library from the PyPI wheel. */
  static final Map<String, String> KNOWN_SHA256 =
      Map.of("linux-x86_64", "9594714d3c73c3087ab3d42d9614cf72973b25c181b8625ffcc46a8a75972d7e");

  /** The platforms a natives jar is built for (the classifiers). */
  static final Set<String> NATIVES_PLATFORMS =
      Set.of("linux-x86_64", "linux-aarch64", "macos-x86_64", "macos-aarch64", "windows-x86_64");

  private WasmtimeLibrary() {}

  /** Where a candidate came from, which decides how it is checked. */
  public enum Kind {
    /** {@code -Ddev.wasmlayer.wasmtime.library} or {@code WASMTIME_LIB_PATH}. */
    EXPLICIT,
    /** The natives jar on the class path. */
    NATIVES_JAR,
    /** A file on the system library path. */
    SYSTEM,
    /** A file in the cache's per-platform directory. */
    CACHE
  }

  /**
   * One place a library may be.
   *
   * @param kind how it was found
   * @param where a label for the report, e.g. {@code WASMTIME_LIB_PATH}
   * @param path the file, for everything but a natives jar
   * @param manifest the natives jar's {@code wasmtime-natives.properties}, for a natives jar (read
   *     when verifying)
   */
  public record Candidate(Kind kind, String where, Path path, URL manifest) {}

  /**
   * What {@link #locate()} saw, without reading a library.
   *
   * @param candidates the places with something there, in search order
   * @param report every place looked at and what was there, one per line
   */
  public record Located(List<Candidate> candidates, List<String> report) {
    /** Whether a library may be usable here: something is there to try. */
    public boolean present() {
      return !candidates.isEmpty();
    }
  }

  /**
   * The outcome of a search.
   *
   * @param path the library found, if any
   * @param report every place tried and what was there, one per line
   */
  public record Found(Optional<Path> path, List<String> report) {
    /** Why nothing usable was found, with the fix. */
    public String explain() {
      return "libwasmtime "
          + VERSION
          + " not found or not usable; tried:"
          + System.lineSeparator()
          + "  "
          + String.join(System.lineSeparator() + "  ", report)
          + System.lineSeparator()
          + "Fix: "
          + fix();
    }
  }

  /** What to add: the natives jar for this platform, or an explicit path. */
  public static String fix() {
    String platform = platform();
    String path =
        "set "
            + PATH_ENV
            + " or -D"
            + PATH_PROPERTY
            + " to a libwasmtime "
            + VERSION
            + " C API library";
    if (!NATIVES_PLATFORMS.contains(platform)) {
      return "no " + NATIVES_ARTIFACT + " jar is built for " + platform + "; " + path + ".";
    }
    return "add "
        + nativesCoordinates()
        + " to the class path (Maven: <classifier>"
        + platform
        + "</classifier>), or "
        + path
        + ".";
  }

  /**
   * The natives jar this platform needs, e.g. {@code
   * dev.wasmlayer:wasm-layer-wasmtime-natives:0.1.0:linux-x86_64}.
   */
  public static String nativesCoordinates() {
    return NATIVES_ARTIFACT + ":" + LayerVersion.VERSION + ":" + platform();
  }

  /** The platform key, e.g. {@code linux-x86_64}. */
  public static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String o =
        os.contains("linux")
            ? "linux"
            : os.contains("mac") ? "macos" : os.contains("win") ? "windows" : os;
    String a =
        arch.equals("amd64") || arch.equals("x86_64")
            ? "x86_64"
            : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
    return o + "-" + a;
  }

  private static String fileName() {
    String os = platform();
    return os.startsWith("windows")
        ? "wasmtime.dll"
        : os.startsWith("macos") ? "libwasmtime.dylib" : "libwasmtime.so";
  }

  /** The project's cache root: {@code $WASM_LAYER_CACHE}, or {@code ~/.cache/wasm-layer}. */
  public static Path cacheRoot() {
    String base = System.getenv("WASM_LAYER_CACHE");
    return base != null && !base.isBlank()
        ? Paths.get(base)
        : Paths.get(System.getProperty("user.home"), ".cache", "wasm-layer");
  }

  /** The natives jar's resource directory for this platform. */
  static String nativesDir() {
    return "dev/wasmlayer/wasmtime/natives/" + platform() + "/";
  }

  /** Looks at every place in order without reading a library; cheap enough for discovery. */
  public static Located locate() {
    return locate(cacheRoot());
  }

  /** The same with the cache at {@code cacheRoot} (tests). */
  static Located locate(Path cacheRoot) {
    List<Candidate> found = new ArrayList<>();
    List<String> report = new ArrayList<>();
    String prop = System.getProperty(PATH_PROPERTY, "").trim();
    String env = Optional.ofNullable(System.getenv(PATH_ENV)).orElse("").trim();
    if (!prop.isEmpty() || !env.isEmpty()) {
      // an explicit choice is the only candidate: it never falls back to something else
      String where = !prop.isEmpty() ? "-D" + PATH_PROPERTY : PATH_ENV;
      Path p = Paths.get(!prop.isEmpty() ? prop : env);
      if (Files.isRegularFile(p)) {
        found.add(new Candidate(Kind.EXPLICIT, where, p, null));
      } else {
        report.add(where + " " + p + ": no such file");
      }
      return new Located(List.copyOf(found), List.copyOf(report));
    }
    report.add("-D" + PATH_PROPERTY + " and " + PATH_ENV + ": not set");
    // plain loops, no lambdas: this runs at every discovery, often in a JVM that has bootstrapped
    // none yet
    Candidate jar = nativesJar(report);
    if (jar != null) {
      found.add(jar);
    }
    boolean onSystemPath = false;
    for (String dir : systemPath()) {
      Path p = Paths.get(dir).resolve(fileName());
      if (Files.isRegularFile(p)) {
        found.add(new Candidate(Kind.SYSTEM, "system library path", p, null));
        onSystemPath = true;
      }
    }
    if (!onSystemPath) {
      report.add(
          "system library path ("
              + String.join(File.pathSeparator, systemPath())
              + "): no "
              + fileName());
    }
    Path cached = cacheRoot.resolve("wasmtime-" + VERSION).resolve(platform()).resolve(fileName());
    if (Files.isRegularFile(cached)) {
      found.add(new Candidate(Kind.CACHE, "cache", cached, null));
    } else {
      report.add("cache " + cached + ": missing");
    }
    return new Located(List.copyOf(found), List.copyOf(report));
  }

  /** Verifies the candidates {@link #locate()} sees, in order; the first usable one wins. */
  public static Found find() {
    return find(locate());
  }

  /** Verifies these candidates, in order, with the cache at its usual place. */
  public static Found find(Located located) {
    return find(located, new NativesCache(cacheRoot()));
  }

  /** The same over given candidates and cache (tests). */
  static Found find(Located located, NativesCache cache) {
    List<String> report = new ArrayList<>(located.report());
    for (Candidate c : located.candidates()) {
      Optional<Path> ok =
          switch (c.kind()) {
            case NATIVES_JAR -> extract(c, cache, report);
            case EXPLICIT, SYSTEM -> checkFile(c, report);
            case CACHE ->
                trusted(c, cache, report)
                    .map(real -> checkFile(real, report))
                    .orElse(Optional.empty());
          };
      if (ok.isPresent() || c.kind() == Kind.EXPLICIT) {
        return new Found(ok, List.copyOf(report));
      }
    }
    return new Found(Optional.empty(), List.copyOf(report));
  }

  /**
   * The natives jar's manifest if the class path has one for this platform, else null: only its
   * presence is checked.
   */
  private static Candidate nativesJar(List<String> report) {
    String dir = nativesDir();
    ClassLoader loader = WasmtimeLibrary.class.getClassLoader();
    URL manifest =
        (loader != null ? loader : ClassLoader.getSystemClassLoader())
            .getResource(dir + NativesManifest.NAME);
    if (manifest == null) {
      report.add("natives jar (/" + dir + "): not on the class path");
      return null;
    }
    return new Candidate(Kind.NATIVES_JAR, "natives jar", null, manifest);
  }

  /**
   * A natives jar's library: its manifest must describe this version and, where one is pinned, the
   * official build; the cache verifies the bytes against it once, while extracting.
   */
  private static Optional<Path> extract(Candidate c, NativesCache cache, List<String> report) {
    NativesManifest m;
    URL library;
    try (InputStream in = c.manifest().openStream()) {
      m = NativesManifest.read(in);
      library = new URL(c.manifest(), m.file());
    } catch (IOException e) {
      report.add("natives jar " + c.manifest() + ": " + e.getMessage());
      return Optional.empty();
    }
    String label = "natives jar " + (m.artifact().isEmpty() ? c.manifest() : m.artifact());
    String known = KNOWN_SHA256.get(platform());
    if (!m.version().equals(VERSION)) {
      report.add(label + ": holds wasmtime " + m.version() + ", this backend binds " + VERSION);
      return Optional.empty();
    }
    if (known != null && !known.equals(m.sha256()) && !Boolean.getBoolean(SKIP_CHECKSUM_PROPERTY)) {
      report.add(
          label
              + ": sha256 "
              + m.sha256()
              + " is not a known wasmtime "
              + VERSION
              + " build for "
              + platform()
              + " (set -D"
              + SKIP_CHECKSUM_PROPERTY
              + "=true to use it anyway)");
      return Optional.empty();
    }
    if (cache.has(m)) {
      Path p = cache.pathOf(m);
      report.add(label + ": wasmtime " + VERSION + " at " + p + " (cached)");
      return Optional.of(p.toAbsolutePath());
    }
    try {
      Path p = cache.resolve(m, library::openStream);
      report.add(label + ": wasmtime " + VERSION + " at " + p + " (extracted, sha256 ok)");
      return Optional.of(p.toAbsolutePath());
    } catch (IOException | RuntimeException e) {
      String fix =
          String.valueOf(e.getMessage()).contains("WASM_LAYER_CACHE")
              ? ""
              : "; set WASM_LAYER_CACHE to a writable directory of your own";
      String problem =
          label + ": could not extract to " + cache.pathOf(m).getParent() + " (" + e + ")" + fix;
      report.add(problem);
      return extractPrivately(m, library, label, problem, report);
    }
  }

  /**
   * The fallback for a cache that is read-only, not a directory, or not trusted: this JVM's own
   * copy in a fresh owner-only temporary directory, verified while extracted and deleted at exit.
   * It costs the extraction on every start, so it says so once, as a warning.
   */
  private static Optional<Path> extractPrivately(
      NativesManifest m, URL library, String label, String problem, List<String> report) {
    try {
      Path dir = Files.createTempDirectory("wasm-layer-natives-");
      Path p;
      try {
        p = new NativesCache(dir).resolve(m, library::openStream);
      } finally {
        Runtime.getRuntime()
            .addShutdownHook(new Thread(new Sweeper(dir), "wasm-layer natives cleanup"));
      }
      report.add(
          label
              + ": wasmtime "
              + VERSION
              + " at "
              + p
              + " (extracted for this JVM only, sha256 ok)");
      System.getLogger("dev.wasmlayer.wasmtime")
          .log(
              System.Logger.Level.WARNING,
              problem
                  + "; using a copy in "
                  + dir
                  + " for this JVM only, extracted again at every start");
      return Optional.of(p.toAbsolutePath());
    } catch (IOException | RuntimeException e) {
      report.add(label + ": could not extract to a temporary directory either (" + e + ")");
      return Optional.empty();
    }
  }

  /**
   * A file in the cache, by its real path (no link left to re-point), if it is safe from being
   * swapped between its check and its loading (see NativesCache).
   */
  private static Optional<Candidate> trusted(Candidate c, NativesCache cache, List<String> report) {
    String problem;
    Path real = c.path();
    try {
      real = c.path().toRealPath();
      problem = cache.untrustedFile(real);
    } catch (IOException e) {
      problem = "unreadable (" + e + ")";
    }
    if (problem != null) {
      report.add(
          c.where()
              + " "
              + c.path()
              + ": refused, "
              + problem
              + " (set WASM_LAYER_CACHE to a directory of your "
              + "own that only you can write)");
      return Optional.empty();
    }
    return Optional.of(new Candidate(c.kind(), c.where(), real, c.manifest()));
  }

  /** Deletes a private natives directory at exit (a loaded library may go: the mapping stays). */
  private static final class Sweeper implements Runnable {
    private final Path dir;

    Sweeper(Path dir) {
      this.dir = dir;
    }

    @Override
    public void run() {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      } catch (IOException | RuntimeException e) {
        // best effort: what stays is in the temporary directory
      }
    }
  }

  /** A file found on disk: checked against the known builds unless the user vouches for it. */
  private static Optional<Path> checkFile(Candidate c, List<String> report) {
    Path p = c.path();
    if (Boolean.getBoolean(SKIP_CHECKSUM_PROPERTY)) {
      report.add(c.where() + " " + p + ": accepted unchecked by -D" + SKIP_CHECKSUM_PROPERTY);
      return Optional.of(p.toAbsolutePath());
    }
    String actual;
    try {
      actual = sha256(p);
    } catch (UncheckedIOException e) {
      report.add(c.where() + " " + p + ": unreadable (" + e.getCause().getMessage() + ")");
      return Optional.empty();
    }
    if (actual.equals(KNOWN_SHA256.get(platform()))) {
      report.add(c.where() + " " + p + ": wasmtime " + VERSION + " (sha256 ok)");
      return Optional.of(p.toAbsolutePath());
    }
    report.add(
        c.where()
            + " "
            + p
            + ": sha256 "
            + actual
            + " is not a known wasmtime "
            + VERSION
            + " build for "
            + platform()
            + " (set -D"
            + SKIP_CHECKSUM_PROPERTY
            + "=true to use it anyway)");
    return Optional.empty();
  }

  private static List<String> systemPath() {
    List<String> dirs = new ArrayList<>();
    for (String var :
        new String[] {
          System.getProperty("java.library.path", ""), System.getenv("LD_LIBRARY_PATH")
        }) {
      if (var != null) {
        for (String d : var.split(File.pathSeparator)) {
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

  /** This layer's own version, which the natives jar shares (a filtered resource). */
  static final class LayerVersion {
    static final String VERSION = read();

    private LayerVersion() {}

    private static String read() {
      try (InputStream in =
          WasmtimeLibrary.class.getResourceAsStream("wasm-layer-wasmtime.properties")) {
        Properties p = new Properties();
        if (in != null) {
          p.load(in);
        }
        return p.getProperty("version", "VERSION");
      } catch (IOException e) {
        return "VERSION";
      }
    }
  }
}
