package dev.wasmlayer.componentmodel.wasi;

import static dev.wasmlayer.componentmodel.wasi.Host.FOLLOW;
import static dev.wasmlayer.componentmodel.wasi.Host.NOFOLLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.wasi.WasiConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preview 1's escape matrix (wasm-layer-wasi's ResolverTest and ResolverRaceTest) through WASI
 * 0.2's {@code open-at}, {@code stat-at} and friends: the same refusals, as {@code error-code}s.
 */
@Timeout(60)
class EscapeTest {
  private static final Set<String> R = Set.of("read");

  @TempDir Path tmp;
  private Path pre;

  @BeforeEach
  void tree() throws IOException {
    pre = Files.createDirectory(tmp.resolve("pre"));
    Files.writeString(tmp.resolve("secret.txt"), "SECRET");
    Files.writeString(pre.resolve("a.txt"), "inside");
    Files.createDirectories(pre.resolve("sub/deeper"));
    Files.createSymbolicLink(pre.resolve("out-abs"), tmp.resolve("secret.txt"));
    Files.createSymbolicLink(pre.resolve("out-rel"), Path.of("../secret.txt"));
    Files.createSymbolicLink(pre.resolve("up"), Path.of(".."));
    Files.createSymbolicLink(pre.resolve("in"), Path.of("sub/../a.txt"));
    Files.createSymbolicLink(pre.resolve("loop1"), Path.of("loop2"));
    Files.createSymbolicLink(pre.resolve("loop2"), Path.of("loop1"));
  }

  private Host host(Path dir, boolean readOnly) {
    return new Host(WasiConfig.builder().preopen(dir, "/sandbox", readOnly).build());
  }

  /** The file's content through open-at and read, or the error-code. */
  private static String read(Host h, Object dir, String path, Set<String> pathFlags)
      throws Exception {
    WitResult r =
        (WitResult)
            h.call(
                FilesystemFunctions.TYPES,
                "[method]descriptor.open-at",
                dir,
                pathFlags,
                path,
                Set.of(),
                R);
    if (!r.isOk()) {
      return (String) r.value();
    }
    WitResult got =
        (WitResult)
            h.call(FilesystemFunctions.TYPES, "[method]descriptor.read", r.value(), 64L, 0L);
    if (!got.isOk()) {
      return (String) got.value();
    }
    return new String((byte[]) ((List<?>) got.value()).get(0), StandardCharsets.UTF_8);
  }

  @Test
  void insideWorksAndEscapesAreRefused() throws Exception {
    try (Host h = host(pre, false)) {
      Object d = FilesystemTest.preopen(h);
      assertEquals("inside", read(h, d, "a.txt", FOLLOW));
      assertEquals("inside", read(h, d, "sub/deeper/../../a.txt", FOLLOW));
      assertEquals("inside", read(h, d, "in", FOLLOW));
      assertEquals("loop", read(h, d, "in", NOFOLLOW), "a symlink not to follow");
      assertEquals("not-permitted", read(h, d, "../secret.txt", FOLLOW));
      assertEquals("not-permitted", read(h, d, "sub/../../secret.txt", FOLLOW));
      assertEquals("not-permitted", read(h, d, "/etc/passwd", FOLLOW));
      assertEquals("not-permitted", read(h, d, "out-abs", FOLLOW));
      assertEquals("not-permitted", read(h, d, "out-rel", FOLLOW));
      assertEquals("not-permitted", read(h, d, "up/secret.txt", FOLLOW));
      assertEquals("loop", read(h, d, "loop1", FOLLOW));
      assertEquals("not-directory", read(h, d, "a.txt/x", FOLLOW));
      assertEquals("no-entry", read(h, d, "nope/x", FOLLOW));
      assertEquals("no-entry", read(h, d, ".wasm-layer-x", FOLLOW), "reserved names are hidden");

      assertEquals("not-permitted", h.fsErr("stat-at", d, FOLLOW, "out-rel"));
      assertEquals("not-permitted", h.fsErr("stat-at", d, FOLLOW, "../secret.txt"));
      assertEquals("not-permitted", h.fsErr("readlink-at", d, "out-abs"), "no host path leaks");
      assertEquals("not-permitted", h.fsErr("symlink-at", d, "/etc/passwd", "abs"));
      assertEquals("not-permitted", h.fsErr("create-directory-at", d, "../made"));
      assertEquals("not-permitted", h.fsErr("rename-at", d, "a.txt", d, "../moved.txt"));
      assertEquals("not-permitted", h.fsErr("unlink-file-at", d, "../secret.txt"));
      assertEquals(
          "not-permitted", h.fsErr("open-at", d, NOFOLLOW, "../new.txt", Set.of("create"), R));
      assertTrue(Files.exists(tmp.resolve("secret.txt")));
      assertFalse(Files.exists(tmp.resolve("made")) || Files.exists(tmp.resolve("moved.txt")));
      assertFalse(Files.exists(tmp.resolve("new.txt")));
    }
  }

  @Test
  void aDirectoryDescriptorIsACapability() throws Exception {
    Files.writeString(pre.resolve("sub/b.txt"), "below");
    try (Host h = host(pre, false)) {
      Object d = FilesystemTest.preopen(h);
      Object sub = h.fs("open-at", d, NOFOLLOW, "sub", Set.of("directory"), R);
      assertEquals("below", read(h, sub, "deeper/../b.txt", FOLLOW));
      // as on wasmtime (cap-std): '..' never goes above the descriptor, even inside the preopen
      assertEquals("not-permitted", read(h, sub, "../a.txt", FOLLOW));
      assertEquals("not-permitted", read(h, sub, "../../secret.txt", FOLLOW));
    }
  }

  @Test
  void aReadOnlyPreopenRefusesEveryChange() throws Exception {
    try (Host h = host(pre, true)) {
      Object d = FilesystemTest.preopen(h);
      assertEquals(Set.of("read"), h.fs("get-flags", d));
      assertEquals("inside", read(h, d, "a.txt", FOLLOW));
      assertEquals(
          "not-permitted", h.fsErr("open-at", d, NOFOLLOW, "a.txt", Set.of(), Set.of("write")));
      assertEquals("not-permitted", h.fsErr("open-at", d, NOFOLLOW, "n.txt", Set.of("create"), R));
      assertEquals("not-permitted", h.fsErr("create-directory-at", d, "made"));
      assertEquals("not-permitted", h.fsErr("unlink-file-at", d, "a.txt"));
      assertEquals("not-permitted", h.fsErr("remove-directory-at", d, "sub/deeper"));
      assertEquals("not-permitted", h.fsErr("rename-at", d, "a.txt", d, "b.txt"));
      assertEquals("not-permitted", h.fsErr("symlink-at", d, "a.txt", "l"));
      Object f = h.fs("open-at", d, NOFOLLOW, "a.txt", Set.of(), R);
      assertEquals("not-permitted", h.fsErr("set-size", f, 0L));
      assertEquals("inside", Files.readString(pre.resolve("a.txt")));
      assertTrue(Files.isDirectory(pre.resolve("sub/deeper")));
    }
  }

  /**
   * While a host thread swaps {@code d} between a real directory and a symlink out of the preopen,
   * opening {@code d/x/victim.txt} must never read the outside file. Seconds: {@code
   * -Ddev.wasmlayer.wasi.race.seconds} (default 1).
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aSwappedDirectoryNeverLeadsOutside() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside/x"));
    Files.writeString(outside.resolve("victim.txt"), "OUTSIDE");
    Files.createDirectories(pre.resolve("R/x"));
    Files.writeString(pre.resolve("R/x/victim.txt"), "decoy");
    Files.createDirectory(pre.resolve("L"));
    Files.createSymbolicLink(pre.resolve("L/x"), outside);
    long millis = Long.getLong("dev.wasmlayer.wasi.race.seconds", 1) * 1000;
    AtomicBoolean stop = new AtomicBoolean();
    Thread swapper =
        new Thread(
            () -> {
              try {
                while (!stop.get()) {
                  swap("R");
                  swap("L");
                }
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    int decoys = 0;
    int outsides = 0;
    int tries = 0;
    try (Host h = host(pre, false)) {
      Object d = FilesystemTest.preopen(h);
      swapper.start();
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      try {
        while (System.nanoTime() < end) {
          String got = read(h, d, "d/x/victim.txt", (tries & 1) == 0 ? FOLLOW : NOFOLLOW);
          tries++;
          if (got.equals("decoy")) {
            decoys++;
          } else if (got.equals("OUTSIDE")) {
            outsides++;
          }
        }
      } finally {
        stop.set(true);
        swapper.join(TimeUnit.SECONDS.toMillis(30));
      }
    }
    assertEquals(0, outsides, "reads of the file outside the preopen");
    assertTrue(
        decoys > 50, "the race must have been run: " + decoys + " decoys in " + tries + " tries");
  }

  private void swap(String name) throws IOException {
    move(pre.resolve(name), pre.resolve("d"));
    move(pre.resolve("d"), pre.resolve(name));
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }
}
