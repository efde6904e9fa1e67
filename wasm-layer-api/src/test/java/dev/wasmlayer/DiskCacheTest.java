package dev.wasmlayer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk cache on its own: the owner and mode rule (with fake owners, since only root can give a
 * file away), the entry format under damage, and the secret made once under a race. The TCK's
 * CompilationCacheTest attacks it through the engines.
 */
@Timeout(60)
class DiskCacheTest {
  private static final UserPrincipal ALICE = () -> "alice";
  private static final UserPrincipal MALLORY = () -> "mallory";
  private static final byte[] VALUE = "compiled code".getBytes(StandardCharsets.UTF_8);

  private static Set<PosixFilePermission> mode(String s) {
    return PosixFilePermissions.fromString(s);
  }

  @Test
  void theOwnerRuleRefusesAnotherOwnerWhateverTheMode() {
    String problem =
        DiskCache.untrusted(MALLORY, mode("rwx------"), ALICE, DiskCache.WRITE_BY_OTHERS);
    assertEquals("is owned by mallory, not by alice (the user this process runs as)", problem);
    assertTrue(
        DiskCache.untrusted(MALLORY, mode("rw-------"), ALICE, DiskCache.ANY_ACCESS_BY_OTHERS)
            .contains("owned by mallory"));
    assertNull(DiskCache.untrusted(ALICE, mode("rwx------"), ALICE, DiskCache.WRITE_BY_OTHERS));
  }

  @Test
  void theModeRuleRefusesWhatOthersMayWriteOrForTheSecretRead() {
    assertNull(DiskCache.untrusted(ALICE, mode("rwxr-xr-x"), ALICE, DiskCache.WRITE_BY_OTHERS));
    for (String m : List.of("rwxrwx---", "rwx---rwx", "rw--w----", "rw-----w-")) {
      assertEquals(
          "is writable by others (" + m + ")",
          DiskCache.untrusted(ALICE, mode(m), ALICE, DiskCache.WRITE_BY_OTHERS),
          m);
    }
    assertNull(
        DiskCache.untrusted(ALICE, mode("rw-------"), ALICE, DiskCache.ANY_ACCESS_BY_OTHERS));
    assertNull(
        DiskCache.untrusted(ALICE, mode("r--------"), ALICE, DiskCache.ANY_ACCESS_BY_OTHERS));
    for (String m : List.of("rw-r-----", "rw----r--", "rw---x---")) {
      assertEquals(
          "is readable by others (" + m + ")",
          DiskCache.untrusted(ALICE, mode(m), ALICE, DiskCache.ANY_ACCESS_BY_OTHERS),
          m);
    }
    assertTrue(
        DiskCache.untrusted(ALICE, mode("rw-rw-r--"), ALICE, DiskCache.ANY_ACCESS_BY_OTHERS)
            .startsWith("is writable by others"));
  }

  @Test
  void entriesComeBackAsStored(@TempDir Path tmp) {
    DiskCache cache = DiskCache.open(tmp.resolve("c"));
    assertTrue(cache.get("k").isEmpty());
    cache.put("k", VALUE);
    cache.put("empty", new byte[0]);
    assertArrayEquals(VALUE, cache.get("k").orElseThrow());
    assertArrayEquals(new byte[0], DiskCache.open(tmp.resolve("c")).get("empty").orElseThrow());
    cache.put("k", new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, cache.get("k").orElseThrow(), "put replaces");
  }

  @Test
  void anEntryUnderAnotherKeysNameIsAMissAndIsDeleted(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("c");
    DiskCache cache = DiskCache.open(dir);
    cache.put("a", "A".getBytes(StandardCharsets.UTF_8));
    cache.put("b", "B".getBytes(StandardCharsets.UTF_8));
    Files.copy(
        dir.resolve("a.bin"),
        dir.resolve("b.bin"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.COPY_ATTRIBUTES);
    assertTrue(cache.get("b").isEmpty());
    assertFalse(Files.exists(dir.resolve("b.bin")), "the swapped entry was deleted");
    assertArrayEquals("A".getBytes(StandardCharsets.UTF_8), cache.get("a").orElseThrow());
  }

  @Test
  void aDamagedEntryIsAMissAndIsDeletedNeverAnException(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("c");
    DiskCache cache = DiskCache.open(dir);
    cache.put("key1", VALUE);
    byte[] good = Files.readAllBytes(dir.resolve("key1.bin"));
    int mac = 10 + 4;
    List<UnaryOperator<byte[]>> damage =
        List.of(
            b -> new byte[0],
            b -> Arrays.copyOf(b, 5),
            b -> Arrays.copyOf(b, 10), // the header without its key
            b -> Arrays.copyOf(b, mac + 31), // the MAC cut short
            b -> Arrays.copyOf(b, b.length - 1),
            b -> Arrays.copyOf(b, b.length + 1),
            b -> flip(b, 0), // the magic
            b -> flip(b, 7), // the format
            b -> flip(b, 8), // the key's length, far beyond the file
            b -> flip(b, 9),
            b -> flip(b, 13), // the key: key0, of the same length, MAC kept
            b -> flip(b, mac),
            b -> flip(b, b.length - 1));
    for (int i = 0; i < damage.size(); i++) {
      Files.write(dir.resolve("key1.bin"), damage.get(i).apply(good.clone()));
      assertTrue(cache.get("key1").isEmpty(), "damage " + i);
      assertFalse(Files.exists(dir.resolve("key1.bin")), "damage " + i + ": deleted");
    }
    Files.createDirectory(dir.resolve("key2.bin"));
    assertTrue(cache.get("key2").isEmpty(), "a directory in an entry's place");
    Files.write(dir.resolve("key1.bin"), good);
    assertArrayEquals(VALUE, cache.get("key1").orElseThrow(), "the undamaged entry verifies");
  }

  private static byte[] flip(byte[] b, int at) {
    b[at] ^= 0x01;
    return b;
  }

  @Test
  void aSymlinkedEntryIsRefusedAndOnlyTheLinkIsDeleted(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("c");
    DiskCache cache = DiskCache.open(dir);
    cache.put("k", VALUE);
    Path elsewhere = Files.move(dir.resolve("k.bin"), tmp.resolve("k.bin"));
    Files.createSymbolicLink(dir.resolve("k.bin"), elsewhere);
    assertTrue(cache.get("k").isEmpty());
    assertFalse(
        Files.exists(dir.resolve("k.bin"), LinkOption.NOFOLLOW_LINKS), "the link was deleted");
    assertTrue(Files.exists(elsewhere), "its target was not");
  }

  @Test
  void concurrentFirstOpensShareOneSecret(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("c");
    int n = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String key = "k" + i;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  DiskCache.open(dir).put(key, key.getBytes(StandardCharsets.UTF_8));
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    DiskCache cache = DiskCache.open(dir);
    for (int i = 0; i < n; i++) {
      assertArrayEquals(
          ("k" + i).getBytes(StandardCharsets.UTF_8),
          cache.get("k" + i).orElseThrow(),
          "k" + i + " was made with the secret that won");
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names =
          files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
      assertFalse(
          names.stream().anyMatch(s -> s.endsWith(".tmp")), "no temporary file is left: " + names);
    }
  }

  @Test
  void aSecretThatIsNotOneIsRefused(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("c");
    DiskCache.open(dir);
    Path secret = dir.resolve(DiskCache.SECRET);
    Files.write(secret, new byte[31]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DiskCache.open(dir));
    assertTrue(e.getMessage().contains(secret + " is not 32 bytes: delete it"), e.getMessage());
    Files.delete(secret);
    Path elsewhere = Files.write(tmp.resolve("key"), new byte[32]);
    Files.createSymbolicLink(secret, elsewhere);
    e = assertThrows(IllegalArgumentException.class, () -> DiskCache.open(dir));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
  }

  @Test
  void aFileIsNoCacheDirectory(@TempDir Path tmp) throws IOException {
    Path file = Files.write(tmp.resolve("f"), VALUE);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DiskCache.open(file));
    assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
  }

  @Test
  void entriesAndTheSecretAreMadeOwnerOnly(@TempDir Path tmp) throws IOException {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX modes only");
    Path dir = tmp.resolve("c");
    DiskCache.open(dir).put("k", VALUE);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("k.bin"))));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve(DiskCache.SECRET))));
  }
}
