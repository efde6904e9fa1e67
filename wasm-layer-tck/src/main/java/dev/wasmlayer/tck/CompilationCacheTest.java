package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmlayer.CompilationCache;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EngineConfig.Builder#cache}: a second compile of the same module is served from the cache,
 * and still runs.
 */
@RequiresFeature(Feature.SERIALIZATION)
class CompilationCacheTest extends TckBase {
  /** Counts what the engine asks of a cache. */
  private static final class Counting implements CompilationCache {
    final CompilationCache inner;
    final AtomicInteger hits = new AtomicInteger();
    final AtomicInteger misses = new AtomicInteger();
    final AtomicInteger puts = new AtomicInteger();
    final List<String> keys = new CopyOnWriteArrayList<>();

    Counting(CompilationCache inner) {
      this.inner = inner;
    }

    @Override
    public Optional<byte[]> get(String key) {
      Optional<byte[]> v = inner.get(key);
      (v.isPresent() ? hits : misses).incrementAndGet();
      return v;
    }

    @Override
    public void put(String key, byte[] value) {
      puts.incrementAndGet();
      keys.add(key);
      inner.put(key, value);
    }
  }

  private static Engine cached(CompilationCache cache) {
    return Engines.create(Tck.provider().id(), Tck.config().toBuilder().cache(cache).build());
  }

  private static void addOneWorks(Engine e, Module m) {
    try (Store<Void> s = e.newStore(null)) {
      assertEquals(42, s.instantiate(m).func("add_one").orElseThrow().call(Value.i32(41))[0].i32());
    }
  }

  @Test
  void aSecondCompileIsServedFromTheCache() {
    Counting cache = new Counting(CompilationCache.inMemory());
    byte[] wasm = Tck.wasm("numbers");
    try (Engine first = cached(cache);
        Module m = first.compile(wasm)) {
      addOneWorks(first, m);
    }
    assertTrue(cache.puts.get() > 0, "the first compile stored code");
    assertEquals(0, cache.hits.get());
    long t0 = System.nanoTime();
    try (Engine second = cached(cache);
        Module m = second.compile(wasm)) {
      long micros = (System.nanoTime() - t0) / 1000;
      assertTrue(cache.hits.get() > 0, "the second compile read the cache");
      addOneWorks(second, m);
      System.out.println(
          "wasm-layer: "
              + second.id()
              + " compile from cache (engine start included): "
              + micros
              + " us");
    }
  }

  @Test
  void anotherConfigurationDoesNotShareEntries() {
    Counting cache = new Counting(CompilationCache.inMemory());
    byte[] wasm = Tck.wasm("numbers");
    try (Engine e = cached(cache);
        Module m = e.compile(wasm)) {
      addOneWorks(e, m);
    }
    EngineConfig other =
        Tck.config().toBuilder().cache(cache).interruption(!Tck.config().interruption()).build();
    try (Engine e = Engines.create(Tck.provider().id(), other);
        Module m = e.compile(wasm)) {
      addOneWorks(e, m);
    }
    assertEquals(0, cache.hits.get(), "a different configuration must not reuse compiled code");
  }

  @Test
  void theDiskCacheIsPrivateAndRefusesTamperedEntries(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("cache");
    byte[] wasm = Tck.wasm("numbers");
    try (Engine e = cached(CompilationCache.onDisk(dir));
        Module m = e.compile(wasm)) {
      addOneWorks(e, m);
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    Path entry;
    try (Stream<Path> files = Files.list(dir)) {
      entry = files.filter(p -> p.toString().endsWith(".bin")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(entry);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(entry, bytes);
    Counting cache = new Counting(CompilationCache.onDisk(dir));
    try (Engine e = cached(cache);
        Module m = e.compile(wasm)) {
      addOneWorks(e, m); // compiled afresh: the tampered entry was a miss
    }
    assertEquals(0, cache.hits.get(), "a tampered entry must never be used");
    assertFalse(Arrays.equals(bytes, Files.readAllBytes(entry)), "the entry was rewritten");
  }

  @Test
  void aDirectoryOthersCanWriteIsRefused(@TempDir Path tmp) throws IOException {
    for (String mode : List.of("rwxrwx---", "rwxr-xrwx", "rwxrwxrwx")) {
      Path open = Files.createDirectory(tmp.resolve(mode));
      Files.setPosixFilePermissions(open, PosixFilePermissions.fromString(mode));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> CompilationCache.onDisk(open), mode);
      assertTrue(
          e.getMessage().contains("writable by others") && e.getMessage().contains(open.toString()),
          e.getMessage());
    }
  }

  // The tests below attack the entries DiskCache writes, so they know its layout (see its Javadoc):
  // one file per
  // entry, <key>.bin = "WLCACHE", a format byte, the key's length (2 bytes) and the key, the
  // HMAC-SHA256 of everything
  // else in the file, then the content; the HMAC's key is the file "secret" in the cache directory.

  private static final byte[] A =
      "(module (func (export \"f\") (result i32) i32.const 1111))".getBytes(StandardCharsets.UTF_8);
  private static final byte[] B =
      "(module (func (export \"f\") (result i32) i32.const 2222))".getBytes(StandardCharsets.UTF_8);

  /**
   * Compiles {@code wasm} with a cache newly opened on {@code dir}, checks the module, returns the
   * cache's counts.
   */
  private static Counting compileWith(Path dir, byte[] wasm, BiConsumer<Engine, Module> check) {
    Counting cache = new Counting(CompilationCache.onDisk(dir));
    try (Engine e = cached(cache);
        Module m = e.compile(wasm)) {
      check.accept(e, m);
    }
    return cache;
  }

  private static BiConsumer<Engine, Module> returns(int expected) {
    return (e, m) -> {
      try (Store<Void> s = e.newStore(null)) {
        assertEquals(expected, s.instantiate(m).func("f").orElseThrow().call()[0].i32());
      }
    };
  }

  private static Counting numbers(Path dir) {
    return compileWith(dir, Tck.wasm("numbers"), CompilationCacheTest::addOneWorks);
  }

  private static String onlyKey(Counting cache) {
    assertEquals(1, cache.keys.size(), "one entry per compile: " + cache.keys);
    return cache.keys.get(0);
  }

  private static Path entry(Path dir, String key) {
    return dir.resolve(key + ".bin");
  }

  /** Where the MAC starts in an entry, or -1 if it does not start with DiskCache's header. */
  private static int macOffset(byte[] entry) {
    byte[] magic = "WLCACHE".getBytes(StandardCharsets.US_ASCII);
    if (entry.length < 10 || !Arrays.equals(entry, 0, magic.length, magic, 0, magic.length)) {
      return -1;
    }
    return 10 + (((entry[8] & 0xFF) << 8) | (entry[9] & 0xFF));
  }

  private static byte[] sha256(byte[]... parts) throws GeneralSecurityException {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    for (byte[] p : parts) {
      d.update(p);
    }
    return d.digest();
  }

  private static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  private static void assumePosix() {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX owners and modes only: the disk cache checks none elsewhere");
  }

  @Test
  void anEntryCopiedOverAnotherModulesKeyIsAMiss(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("cache");
    String keyA = onlyKey(compileWith(dir, A, returns(1111)));
    String keyB = onlyKey(compileWith(dir, B, returns(2222)));
    assertNotEquals(keyA, keyB);
    // Someone who can write the directory but has no secret copies A's file(s) over B's name: A's
    // MAC is genuine.
    List<Path> ofA;
    try (Stream<Path> files = Files.list(dir)) {
      ofA =
          files
              .filter(p -> p.getFileName().toString().startsWith(keyA))
              .collect(Collectors.toList());
    }
    assertFalse(ofA.isEmpty(), "A's entry is in " + dir);
    for (Path p : ofA) {
      Path overB = dir.resolve(keyB + p.getFileName().toString().substring(keyA.length()));
      Files.copy(p, overB, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }
    Counting swapped = compileWith(dir, B, returns(2222)); // B's behaviour, not A's 1111
    assertEquals(0, swapped.hits.get(), "A's entry must not be served for B's key");
    assertTrue(swapped.misses.get() > 0, "the swapped entry is a miss");
    assertTrue(
        compileWith(dir, B, returns(2222)).hits.get() > 0,
        "B, stored again after the miss, is served");
    assertTrue(compileWith(dir, A, returns(1111)).hits.get() > 0, "A's own entry is untouched");
  }

  @Test
  void aTamperedEntryWithARecomputedSha256IsRefused(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("cache");
    Path entry = entry(dir, onlyKey(numbers(dir)));
    byte[] good = Files.readAllBytes(entry);
    int mac = macOffset(good);
    assertTrue(mac > 0 && good.length > mac + 32, "the entry has DiskCache's layout");
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec(Files.readAllBytes(dir.resolve("secret")), "HmacSHA256"));
    hmac.update(good, 0, mac);
    hmac.update(good, mac + 32, good.length - mac - 32);
    assertArrayEquals(
        hmac.doFinal(),
        Arrays.copyOfRange(good, mac, mac + 32),
        "this test reads the layout right: the stored MAC is the HMAC of the header and content");
    // A naive attacker flips a byte of the content and puts a plain SHA-256 where the MAC was: of
    // the content, or of
    // everything the MAC covers.
    for (int variant = 0; variant < 2; variant++) {
      byte[] forged = Files.readAllBytes(entry);
      forged[forged.length - 1] ^= 0x5A;
      byte[] content = Arrays.copyOfRange(forged, mac + 32, forged.length);
      byte[] digest =
          variant == 0 ? sha256(content) : sha256(Arrays.copyOfRange(forged, 0, mac), content);
      System.arraycopy(digest, 0, forged, mac, 32);
      Files.write(entry, forged);
      Counting cache = numbers(dir); // compiled afresh, so add_one still works
      assertEquals(
          0, cache.hits.get(), "variant " + variant + ": a forged entry must never be used");
      assertTrue(cache.misses.get() > 0, "variant " + variant);
      assertFalse(
          Arrays.equals(forged, Files.readAllBytes(entry)),
          "variant " + variant + ": it was replaced");
    }
    assertTrue(numbers(dir).hits.get() > 0, "the entry stored after the forgeries is served");
  }

  @Test
  void aCacheAnotherUserOwnsIsRefused(@TempDir Path tmp) throws IOException {
    assumePosix();
    Path dir = tmp.resolve("cache");
    Path entry = entry(dir, onlyKey(numbers(dir)));
    Path secret = dir.resolve("secret");
    UserPrincipal me = Files.getOwner(entry);
    UserPrincipal other =
        dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("65534");
    assumeTrue(
        chown(entry, other),
        "not running as root, so no file can be given to another user (uid 65534) here; "
            + "DiskCacheTest in wasm-layer-api checks the owner rule with a fake owner");
    Counting foreign = numbers(dir);
    assertEquals(0, foreign.hits.get(), "an entry another user owns must not be used");
    assertEquals(me, Files.getOwner(entry), "it was replaced by one of ours");

    Files.setOwner(secret, other);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CompilationCache.onDisk(dir));
    assertTrue(
        e.getMessage().contains(secret.toString()) && e.getMessage().contains("owned by"),
        e.getMessage());
    Files.setOwner(secret, me);

    for (String mode : List.of("rwx------", "rwxr-xr-x")) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
      Files.setOwner(dir, other);
      e = assertThrows(IllegalArgumentException.class, () -> CompilationCache.onDisk(dir), mode);
      assertTrue(
          e.getMessage().contains(dir.toString()) && e.getMessage().contains("owned by"),
          e.getMessage());
    }
    Files.setOwner(dir, me);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    assertTrue(numbers(dir).hits.get() > 0, "back with its owner, the cache serves its entry");
  }

  private static boolean chown(Path p, UserPrincipal owner) {
    try {
      Files.setOwner(p, owner);
      return true;
    } catch (IOException notRoot) {
      return false;
    }
  }

  @Test
  void anEntryOthersCanWriteIsRefused(@TempDir Path tmp) throws IOException {
    assumePosix();
    Path dir = tmp.resolve("cache");
    Path entry = entry(dir, onlyKey(numbers(dir)));
    for (String mode : List.of("rw-rw----", "rw----rw-")) {
      Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString(mode));
      Counting cache = numbers(dir);
      assertEquals(0, cache.hits.get(), mode + ": an entry others can write must not be used");
      assertEquals("rw-------", perms(entry), mode + ": it was stored again, private");
    }
    assertTrue(numbers(dir).hits.get() > 0, "a private entry is served");
  }

  @Test
  void aSymlinkedDirectoryIsRefused(@TempDir Path tmp) throws IOException {
    Path real = tmp.resolve("real");
    numbers(real);
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CompilationCache.onDisk(link));
    assertTrue(
        e.getMessage().contains(link.toString()) && e.getMessage().contains("symbolic link"),
        e.getMessage());
    Path nowhere = tmp.resolve("nowhere");
    Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), nowhere);
    assertThrows(IllegalArgumentException.class, () -> CompilationCache.onDisk(dangling));
    assertFalse(
        Files.exists(nowhere, LinkOption.NOFOLLOW_LINKS), "nothing was created through the link");
  }

  @Test
  void theSecretIsPrivateKeptAndRefusedWhenOthersCanReadIt(@TempDir Path tmp) throws IOException {
    assumePosix();
    Path dir = tmp.resolve("cache");
    numbers(dir);
    Path secret = dir.resolve("secret");
    assertEquals("rw-------", perms(secret));
    byte[] key = Files.readAllBytes(secret);
    assertEquals(32, key.length);
    assertTrue(numbers(dir).hits.get() > 0, "entries verify when the directory is opened again");
    assertArrayEquals(
        key, Files.readAllBytes(secret), "an existing secret is kept, not made again");
    for (String mode : List.of("rw-r--r--", "rw-rw----", "rw-----w-")) {
      Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString(mode));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> CompilationCache.onDisk(dir), mode);
      assertTrue(
          e.getMessage().contains(secret.toString()) && e.getMessage().contains("delete it"),
          e.getMessage());
      assertArrayEquals(
          key, Files.readAllBytes(secret), mode + ": a refused secret is left as it is");
    }
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    assertTrue(numbers(dir).hits.get() > 0, "private again, the secret is used");
    Files.delete(secret);
    assertEquals(
        0, numbers(dir).hits.get(), "a new secret: entries made with the old one are misses");
    assertFalse(
        Arrays.equals(key, Files.readAllBytes(secret)), "the new secret is a new random one");
  }
}
