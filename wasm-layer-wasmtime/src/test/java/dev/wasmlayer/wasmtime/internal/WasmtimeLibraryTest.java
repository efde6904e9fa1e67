package dev.wasmlayer.wasmtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The natives jar this build puts on the test class path (wasm-layer-wasmtime-natives, this
 * platform's classifier): discovery sees it without reading it; the first engine extracts it once
 * into the cache; later starts reuse it.
 */
@Timeout(60)
class WasmtimeLibraryTest {
  @TempDir Path cacheRoot;

  @AfterEach
  void clear() {
    System.clearProperty(WasmtimeLibrary.PATH_PROPERTY);
    System.clearProperty(WasmtimeLibrary.SKIP_CHECKSUM_PROPERTY);
  }

  private long filesIn(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void discoverySeesTheNativesJarWithoutExtractingOrHashingIt() throws Exception {
    WasmtimeLibrary.Located l = WasmtimeLibrary.locate(cacheRoot);
    assertTrue(l.present(), l.report().toString());
    WasmtimeLibrary.Candidate c = l.candidates().get(0);
    assertEquals(WasmtimeLibrary.Kind.NATIVES_JAR, c.kind());
    assertTrue(
        c.manifest()
            .toString()
            .endsWith("/natives/" + WasmtimeLibrary.platform() + "/wasmtime-natives.properties"),
        c.manifest().toString());
    assertEquals(0, filesIn(cacheRoot), "nothing was extracted");
  }

  @Test
  void theFirstEngineExtractsTheLibraryOnceAndLaterStartsReuseItWithoutHashing() {
    AtomicLong hashed = new AtomicLong();
    WasmtimeLibrary.Found first =
        WasmtimeLibrary.find(
            WasmtimeLibrary.locate(cacheRoot),
            new NativesCache(cacheRoot, () -> new CountingSha256(hashed)));
    Path p = first.path().orElseThrow(() -> new AssertionError(first.explain()));
    String sha = WasmtimeLibrary.KNOWN_SHA256.get(WasmtimeLibrary.platform());
    assertEquals(
        cacheRoot.resolve("wasmtime-49.0.0").resolve("sha256-" + sha).toAbsolutePath(),
        p.getParent());
    assertEquals(sha, WasmtimeLibrary.sha256(p));
    long once = hashed.get();
    assertTrue(once > 1_000_000, "verified while extracting: " + once + " bytes hashed");

    WasmtimeLibrary.Found again =
        WasmtimeLibrary.find(
            WasmtimeLibrary.locate(cacheRoot),
            new NativesCache(cacheRoot, () -> new CountingSha256(hashed)));
    assertEquals(first.path(), again.path());
    assertEquals(once, hashed.get(), "the cached copy was not hashed again");
    assertTrue(
        again.report().get(again.report().size() - 1).endsWith("(cached)"),
        again.report().toString());
  }

  @Test
  void anExplicitFileIsOnlyLookedAtByDiscoveryAndCheckedWhenTheEngineIsCreated() throws Exception {
    Path fake = Files.write(cacheRoot.resolve("libwasmtime.so"), new byte[] {1, 2, 3});
    System.setProperty(WasmtimeLibrary.PATH_PROPERTY, fake.toString());
    WasmtimeLibrary.Located l = WasmtimeLibrary.locate(cacheRoot);
    assertEquals(
        List.of(WasmtimeLibrary.Kind.EXPLICIT),
        l.candidates().stream().map(WasmtimeLibrary.Candidate::kind).toList(),
        "present, since it was not read; the natives jar is not a fallback for an explicit choice");
    WasmtimeLibrary.Found f = WasmtimeLibrary.find(l, new NativesCache(cacheRoot));
    assertFalse(f.path().isPresent());
    assertTrue(f.explain().contains("is not a known wasmtime 49.0.0 build"), f.explain());
  }

  /** A natives directory of our own making: a manifest and a library beside it. */
  private WasmtimeLibrary.Located nativesAt(Path dir, String version, String sha256, byte[] library)
      throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve("libwasmtime.so"), library);
    Path manifest =
        Files.writeString(
            dir.resolve(NativesManifest.NAME),
            "version="
                + version
                + "\nplatform=x\n"
                + "file=libwasmtime.so\nsha256="
                + sha256
                + "\nsize="
                + library.length
                + "\nartifact=test:natives\n");
    return new WasmtimeLibrary.Located(
        List.of(
            new WasmtimeLibrary.Candidate(
                WasmtimeLibrary.Kind.NATIVES_JAR, "natives jar", null, manifest.toUri().toURL())),
        List.of());
  }

  @Test
  void aNativesJarThatIsNotTheOfficialBuildOrThisVersionIsRefusedBeforeExtracting(@TempDir Path jar)
      throws Exception {
    String unknown = "ab".repeat(32);
    WasmtimeLibrary.Found f =
        WasmtimeLibrary.find(
            nativesAt(jar.resolve("a"), "49.0.0", unknown, new byte[] {1}),
            new NativesCache(cacheRoot));
    assertFalse(f.path().isPresent());
    assertTrue(
        f.explain()
            .contains("test:natives: sha256 " + unknown + " is not a known wasmtime 49.0.0 build"),
        f.explain());
    f =
        WasmtimeLibrary.find(
            nativesAt(jar.resolve("b"), "48.0.0", unknown, new byte[] {1}),
            new NativesCache(cacheRoot));
    assertTrue(
        f.explain().contains("test:natives: holds wasmtime 48.0.0, this backend binds 49.0.0"),
        f.explain());
    assertEquals(0, filesIn(cacheRoot), "nothing was extracted");
  }

  @Test
  void aNativesJarWhoseLibraryIsDamagedIsRefusedAndLeavesNothingInTheCache(@TempDir Path jar)
      throws Exception {
    String official = WasmtimeLibrary.KNOWN_SHA256.get(WasmtimeLibrary.platform());
    WasmtimeLibrary.Found f =
        WasmtimeLibrary.find(
            nativesAt(jar, "49.0.0", official, new byte[] {1, 2, 3}), new NativesCache(cacheRoot));
    assertFalse(f.path().isPresent());
    assertTrue(
        f.explain().contains("is not what its wasmtime-natives.properties says"), f.explain());
    assertEquals(0, filesIn(cacheRoot));
  }

  @Test
  void aCacheOthersMayWriteIsNeitherExtractedToNorLoadedFrom(@TempDir Path trusted)
      throws Exception {
    Assumptions.assumeTrue(
        cacheRoot.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "POSIX modes only");
    Path real =
        WasmtimeLibrary.find(WasmtimeLibrary.locate(trusted), new NativesCache(trusted))
            .path()
            .orElseThrow();
    // WASM_LAYER_CACHE=/tmp/x, world-writable; the official library sits in its per-platform place,
    // so its hash
    // passes, but anyone may swap it between that check and the load
    PosixFilePermission[] all = PosixFilePermission.values();
    Files.setPosixFilePermissions(cacheRoot, Set.of(all));
    Path byHand =
        cacheRoot
            .resolve("wasmtime-49.0.0")
            .resolve(WasmtimeLibrary.platform())
            .resolve(real.getFileName());
    Files.createDirectories(byHand.getParent());
    Files.copy(real, byHand);
    WasmtimeLibrary.Located l = WasmtimeLibrary.locate(cacheRoot);
    WasmtimeLibrary.Found f = WasmtimeLibrary.find(l, new NativesCache(cacheRoot));
    Path used = f.path().orElseThrow(() -> new AssertionError(f.explain()));
    assertFalse(used.startsWith(cacheRoot), "loaded from the refused cache: " + used);
    assertTrue(f.explain().contains(cacheRoot + " is writable by others (rwxrwxrwx)"), f.explain());
    assertTrue(f.explain().contains("(extracted for this JVM only, sha256 ok)"), f.explain());
    // with no natives jar to fall back on, the by-hand library in the refused cache is not used
    // either
    WasmtimeLibrary.Located byHandOnly =
        new WasmtimeLibrary.Located(
            l.candidates().stream().filter(c -> c.kind() == WasmtimeLibrary.Kind.CACHE).toList(),
            l.report());
    WasmtimeLibrary.Found g = WasmtimeLibrary.find(byHandOnly, new NativesCache(cacheRoot));
    assertFalse(g.path().isPresent(), g.explain());
    assertTrue(g.explain().contains("cache " + byHand + ": refused"), g.explain());
    assertFalse(
        Files.exists(
            cacheRoot
                .resolve("wasmtime-49.0.0")
                .resolve("sha256-" + WasmtimeLibrary.KNOWN_SHA256.get(WasmtimeLibrary.platform()))
                .resolve(real.getFileName())),
        "not extracted");
  }

  @Test
  void aCacheThatCannotBeWrittenFallsBackToAPrivateCopyForThisJvm() throws Exception {
    Path notADirectory =
        Files.write(cacheRoot.resolve("file"), new byte[] {1}); // as a read-only cache fails
    WasmtimeLibrary.Found f =
        WasmtimeLibrary.find(
            WasmtimeLibrary.locate(notADirectory), new NativesCache(notADirectory));
    Path p = f.path().orElseThrow(() -> new AssertionError(f.explain()));
    assertEquals(
        WasmtimeLibrary.KNOWN_SHA256.get(WasmtimeLibrary.platform()), WasmtimeLibrary.sha256(p));
    assertTrue(
        f.report().toString().contains("could not extract to " + notADirectory),
        f.report().toString());
    assertTrue(
        f.report().toString().contains("(extracted for this JVM only, sha256 ok)"),
        f.report().toString());
  }
}
