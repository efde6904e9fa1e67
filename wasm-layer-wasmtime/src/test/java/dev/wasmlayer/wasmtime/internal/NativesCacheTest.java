package dev.wasmlayer.wasmtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content-addressed cache: verified once while extracting, reused without reading, safe against
 * damage and races.
 */
@Timeout(60)
class NativesCacheTest {
  private static final byte[] LIBRARY = new byte[300_000];

  static {
    new Random(42).nextBytes(LIBRARY);
  }

  @TempDir Path root;

  private final AtomicLong hashed = new AtomicLong();
  private final AtomicInteger opened = new AtomicInteger();

  private static NativesManifest manifestOf(byte[] library) throws Exception {
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(library));
    return new NativesManifest(
        "49.0.0", "linux-x86_64", "libwasmtime.so", sha, library.length, "test:natives");
  }

  private NativesCache cache() {
    return new NativesCache(root, () -> new CountingSha256(hashed));
  }

  private NativesCache.Source source(byte[] bytes) {
    return () -> {
      opened.incrementAndGet();
      return new ByteArrayInputStream(bytes);
    };
  }

  private List<String> filesUnder(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @Test
  void theFirstResolutionExtractsAndVerifiesThenLaterOnesReuseTheCopyWithoutReadingIt()
      throws Exception {
    NativesManifest m = manifestOf(LIBRARY);
    Path first = cache().resolve(m, source(LIBRARY));
    assertEquals(
        root.resolve("wasmtime-49.0.0").resolve("sha256-" + m.sha256()).resolve("libwasmtime.so"),
        first);
    assertArrayEquals(LIBRARY, Files.readAllBytes(first));
    assertEquals(LIBRARY.length, hashed.get(), "hashed once, while copying");
    assertEquals(1, opened.get());

    Path again =
        cache().resolve(m, source(LIBRARY)); // a new cache object, as in the next JVM start
    assertEquals(first, again);
    assertEquals(LIBRARY.length, hashed.get(), "the reused copy was not hashed again");
    assertEquals(1, opened.get(), "the jar's library was not read again");
    assertEquals(
        List.of(root.relativize(first).toString()), filesUnder(root), "no temporary file is left");
    if (first.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals(
          "rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(first)));
    }
  }

  @Test
  void aTruncatedCachedCopyIsReplaced() throws Exception {
    NativesManifest m = manifestOf(LIBRARY);
    Path p = cache().resolve(m, source(LIBRARY));
    Files.write(p, Arrays.copyOf(LIBRARY, LIBRARY.length / 2)); // e.g. a disk that filled up
    assertFalse(cache().has(m));
    assertEquals(p, cache().resolve(m, source(LIBRARY)));
    assertArrayEquals(LIBRARY, Files.readAllBytes(p));
    assertEquals(
        2L * LIBRARY.length, hashed.get(), "the replacement was verified while it was extracted");
  }

  @Test
  void bytesThatDoNotMatchTheManifestAreRefusedAndLeaveNothingBehind() throws Exception {
    NativesManifest m = manifestOf(LIBRARY);
    byte[] damaged = LIBRARY.clone();
    damaged[1234] ^= 1;
    IOException e = assertThrows(IOException.class, () -> cache().resolve(m, source(damaged)));
    assertTrue(
        e.getMessage().contains("is not what its wasmtime-natives.properties says"),
        e.getMessage());
    assertEquals(List.of(), filesUnder(root));
    assertFalse(cache().has(m));
  }

  @Test
  void twoConcurrentFirstExtractionsEndWithOneGoodFile() throws Exception {
    NativesManifest m = manifestOf(LIBRARY);
    // both extractions are past the "is it there?" check before either writes: the barrier holds
    // each source open
    CyclicBarrier bothExtracting = new CyclicBarrier(2);
    NativesCache.Source gated =
        () -> {
          try {
            bothExtracting.await(30, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IOException("the other extraction never started", e);
          }
          return new ByteArrayInputStream(LIBRARY);
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Path> a = pool.submit(() -> new NativesCache(root).resolve(m, gated));
      Future<Path> b = pool.submit(() -> new NativesCache(root).resolve(m, gated));
      Path pa = a.get(30, TimeUnit.SECONDS);
      assertEquals(pa, b.get(30, TimeUnit.SECONDS));
      assertArrayEquals(LIBRARY, Files.readAllBytes(pa));
      assertEquals(
          List.of(root.relativize(pa).toString()),
          filesUnder(root),
          "one file, no temporary leftovers");
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  @Test
  void aSameSizeLibraryPlantedInACacheOthersMayWriteIsNeverUsed() throws Exception {
    Assumptions.assumeTrue(posix(), "POSIX modes only");
    NativesManifest m = manifestOf(LIBRARY);
    Path target = cache().pathOf(m);
    // WASM_LAYER_CACHE=/tmp/x, made world-writable: another local user plants a library of the
    // public size
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.createDirectories(target.getParent());
    byte[] evil = new byte[LIBRARY.length];
    Files.write(target, evil);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    assertFalse(cache().has(m), "a copy in a directory others may write is not trusted");
    IOException e = assertThrows(IOException.class, () -> cache().resolve(m, source(LIBRARY)));
    assertTrue(
        e.getMessage().contains(root + " is writable by others (rwxrwxrwx)"), e.getMessage());
    assertTrue(e.getMessage().contains("WASM_LAYER_CACHE"), e.getMessage());

    // the same below the root: a group-writable version directory
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        target.getParent().getParent(), PosixFilePermissions.fromString("rwxrwxr-x"));
    assertFalse(cache().has(m));
    e = assertThrows(IOException.class, () -> cache().resolve(m, source(LIBRARY)));
    assertTrue(e.getMessage().contains("is writable by others (rwxrwxr-x)"), e.getMessage());
  }

  @Test
  void aLinkOrAWritableFileAtTheCopysPlaceIsReplacedByAVerifiedCopy() throws Exception {
    Assumptions.assumeTrue(posix(), "POSIX modes only");
    NativesManifest m = manifestOf(LIBRARY);
    Path target = cache().pathOf(m);
    Files.createDirectories(target.getParent());
    Path elsewhere = Files.write(root.resolve("evil.so"), new byte[LIBRARY.length]);
    Files.createSymbolicLink(target, elsewhere);
    assertFalse(cache().has(m), "a link is not a copy");
    assertEquals(target, cache().resolve(m, source(LIBRARY)));
    assertFalse(Files.isSymbolicLink(target));
    assertArrayEquals(LIBRARY, Files.readAllBytes(target));
    assertArrayEquals(
        new byte[LIBRARY.length],
        Files.readAllBytes(elsewhere),
        "the link's target was not written");

    Files.write(target, new byte[LIBRARY.length]);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));
    assertFalse(cache().has(m), "a copy anyone may rewrite is not trusted");
    cache().resolve(m, source(LIBRARY));
    assertArrayEquals(LIBRARY, Files.readAllBytes(target));
  }

  @Test
  void aLinkedDirectoryInTheCacheIsRefusedBeforeAnythingIsWrittenThere(@TempDir Path elsewhere)
      throws Exception {
    Assumptions.assumeTrue(posix(), "POSIX modes only");
    NativesManifest m = manifestOf(LIBRARY);
    Path shaDir = cache().pathOf(m).getParent();
    Files.createDirectories(shaDir.getParent());
    Files.createSymbolicLink(
        shaDir, elsewhere); // e.g. at a directory the victim may write and the attacker reads
    IOException e = assertThrows(IOException.class, () -> cache().resolve(m, source(LIBRARY)));
    assertTrue(e.getMessage().contains(shaDir + " is a symbolic link"), e.getMessage());
    try (Stream<Path> s = Files.list(elsewhere)) {
      assertEquals(
          List.of(), s.collect(Collectors.toList()), "nothing was written through the link");
    }
  }

  @Test
  void anotherUsersCopyIsNotTrustedButRootsIs() {
    UserPrincipal alice = () -> "alice";
    assertTrue(
        NativesCache.untrusted(attrs(() -> "mallory", "rw-r--r--"), alice)
            .contains("owned by mallory"));
    assertEquals(null, NativesCache.untrusted(attrs(alice, "rw-r--r--"), alice));
    assertEquals(null, NativesCache.untrusted(attrs(() -> "root", "rwxr-xr-x"), alice));
    assertTrue(
        NativesCache.untrusted(attrs(alice, "rw-rw-r--"), alice).contains("writable by others"));
  }

  private static PosixFileAttributes attrs(UserPrincipal owner, String mode) {
    return (PosixFileAttributes)
        Proxy.newProxyInstance(
            NativesCacheTest.class.getClassLoader(),
            new Class<?>[] {PosixFileAttributes.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "owner" -> owner;
                  case "permissions" -> PosixFilePermissions.fromString(mode);
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @Test
  void aDirectoryAtTheCopysPlaceIsAnIOExceptionNotACrash() throws Exception {
    NativesManifest m = manifestOf(LIBRARY);
    Path target = cache().pathOf(m);
    Files.createDirectories(target);
    assertFalse(cache().has(m));
    assertThrows(IOException.class, () -> cache().resolve(m, source(LIBRARY)));
    assertEquals(List.of(), filesUnder(root), "no temporary file is left");
  }

  @Test
  void partsLeftByDeadExtractionsAreSweptButALiveOnesIsKept() throws Exception {
    NativesManifest m = manifestOf(LIBRARY);
    Path dir = cache().pathOf(m).getParent();
    Files.createDirectories(dir);
    Path dead =
        Files.write(
            dir.resolve(".libwasmtime.so.123.part"), new byte[1000]); // a JVM killed mid-copy
    Files.setLastModifiedTime(
        dead,
        FileTime.fromMillis(System.currentTimeMillis() - NativesCache.STALE_PART_MILLIS - 60_000));
    Path live =
        Files.write(
            dir.resolve(".libwasmtime.so.456.part"), new byte[1000]); // another JVM, extracting now
    Path other = Files.write(dir.resolve("notes.part"), new byte[1]);
    Files.setLastModifiedTime(other, Files.getLastModifiedTime(dead));
    cache().resolve(m, source(LIBRARY));
    assertFalse(Files.exists(dead), "the dead extraction's part was swept");
    assertTrue(Files.exists(live), "a live extraction's part is left alone");
    assertTrue(Files.exists(other), "only this library's parts are swept");
  }

  @Test
  void aCacheReachedThroughALinkHandsOutPathsWithoutTheLink(@TempDir Path elsewhere)
      throws Exception {
    // WASM_LAYER_CACHE=/tmp/cache-link: whoever owns the link may re-point it between the check and
    // the load
    Path link = Files.createSymbolicLink(elsewhere.resolve("cache-link"), root);
    NativesManifest m = manifestOf(LIBRARY);
    Path p = new NativesCache(link).resolve(m, source(LIBRARY));
    assertEquals(
        root.toRealPath().resolve(root.relativize(cache().pathOf(m))),
        p,
        "extracted: the real path");
    assertTrue(new NativesCache(link).has(m));
    assertFalse(new NativesCache(link).pathOf(m).startsWith(link), "reused: the real path");
  }

  @Test
  void aManifestThatCouldEscapeTheCacheIsRefused() {
    assertThrows(
        IOException.class,
        () ->
            NativesManifest.read(
                new ByteArrayInputStream(
                    ("version=49.0.0\nplatform=linux-x86_64\nfile=../../evil.so\nsize=3\nsha256="
                            + "a".repeat(64))
                        .getBytes(StandardCharsets.ISO_8859_1))));
    assertThrows(
        IOException.class,
        () ->
            NativesManifest.read(
                new ByteArrayInputStream(
                    "version=49.0.0\nfile=libwasmtime.so\nsize=3\n"
                        .getBytes(StandardCharsets.ISO_8859_1))));
  }
}
