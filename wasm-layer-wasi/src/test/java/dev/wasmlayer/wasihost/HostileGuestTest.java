package dev.wasmlayer.wasihost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmlayer.wasi.WasiConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the WASI calls themselves, made through {@link FakeGuest} (no engine): one way in per
 * test.
 */
@Timeout(60)
class HostileGuestTest {
  private static final int PRE = 3;
  private static final int FOLLOW = 1;
  private static final int O_CREAT = 1;
  private static final int O_DIRECTORY = 2;
  private static final long RW = Rights.FD_READ | Rights.FD_WRITE;
  private static final int OUT = 16; // where results land
  private static final int A = 1024; // first string
  private static final int B = 2048; // second string

  @TempDir Path tmp;

  private FakeGuest guest(Path pre, boolean readOnly) {
    return new FakeGuest(WasiConfig.builder().preopen(pre, "/pre", readOnly).build());
  }

  private static int open(
      FakeGuest g, int dir, int dirflags, String path, int oflags, long rights) {
    long n = g.put(A, path);
    return g.call("path_open", dir, dirflags, A, n, oflags, rights, rights, 0, OUT);
  }

  private static int mkdir(FakeGuest g, int dir, String path) {
    return g.call("path_create_directory", dir, A, g.put(A, path));
  }

  private static int symlink(FakeGuest g, String target, int dir, String path) {
    long t = g.put(A, target);
    return g.call("path_symlink", A, t, dir, B, g.put(B, path));
  }

  private static int rename(FakeGuest g, int dir, String from, String to) {
    long f = g.put(A, from);
    return g.call("path_rename", dir, A, f, dir, B, g.put(B, to));
  }

  /**
   * A directory fd keeps the host path it was opened by; the guest renames a directory above it and
   * puts a relative symlink out of the preopen in its place. That stale path must never be read
   * from: here following a link in the fd read the text of a link outside (the same name in the
   * outside directory) and O_CREAT made a file named by it.
   */
  @Test
  void aStaleDirectoryPathReadsNoLinkOutside() throws IOException {
    Path pre = Files.createDirectory(tmp.resolve("pre"));
    Files.createDirectories(tmp.resolve("outside/b"));
    Files.createSymbolicLink(tmp.resolve("outside/b/L"), Path.of("LEAKED-link-text"));
    try (FakeGuest g = guest(pre, false)) {
      assertEquals(0, mkdir(g, PRE, "a"));
      assertEquals(0, mkdir(g, PRE, "a/b"));
      assertEquals(0, symlink(g, "x", PRE, "a/b/L"));
      assertEquals(0, open(g, PRE, 0, "a/b", O_DIRECTORY, Rights.DIRECTORY));
      int fd = g.mem.getInt(OUT);
      assertEquals(0, rename(g, PRE, "a", "z"));
      assertEquals(0, symlink(g, "../outside", PRE, "a")); // allowed: only following it is refused
      int e = open(g, fd, FOLLOW, "L", O_CREAT, RW);
      try (Stream<Path> s = Files.list(pre.resolve("z/b"))) {
        List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
        assertFalse(
            names.contains("LEAKED-link-text"), "outside link text reached the guest: " + names);
        assertTrue(
            e == Errno.NOTCAPABLE || e == 0 && names.contains("x"), "errno " + e + ", " + names);
      }
    }
  }

  /** Through the same stale path, whether a host path outside exists must not show in the errno. */
  @Test
  void aStaleDirectoryPathIsNoExistenceOracle() throws IOException {
    Path pre = Files.createDirectory(tmp.resolve("pre"));
    Files.createDirectories(tmp.resolve("outside/exists"));
    try (FakeGuest g = guest(pre, false)) {
      int[] errnos = new int[2];
      String[] names = {"exists", "missing"};
      for (int i = 0; i < 2; i++) {
        assertEquals(0, mkdir(g, PRE, "a" + i));
        assertEquals(0, mkdir(g, PRE, "a" + i + "/" + names[i]));
        assertEquals(0, open(g, PRE, 0, "a" + i + "/" + names[i], O_DIRECTORY, Rights.DIRECTORY));
        int fd = g.mem.getInt(OUT);
        assertEquals(0, rename(g, PRE, "a" + i, "z" + i));
        assertEquals(0, symlink(g, "../outside", PRE, "a" + i));
        errnos[i] = mkdir(g, fd, "new");
      }
      assertEquals(
          errnos[0],
          errnos[1],
          "mkdir through a stale path tells whether outside/" + names[1] + " exists");
      assertFalse(Files.exists(tmp.resolve("outside/exists/new")));
    }
  }

  /**
   * Each directory fd kept its whole listing after a first fd_readdir: 1,024 fds x a large
   * directory of host heap.
   */
  @Test
  void readdirKeepsOneListingPerStore() throws IOException {
    Path pre = Files.createDirectory(tmp.resolve("pre"));
    for (int i = 0; i < 200; i++) {
      Files.createFile(pre.resolve("f" + i));
    }
    try (FakeGuest g = guest(pre, true)) {
      for (int i = 0; i < 20; i++) {
        assertEquals(0, open(g, PRE, 0, ".", O_DIRECTORY, Rights.DIRECTORY));
        int fd = g.mem.getInt(OUT);
        assertEquals(0, g.call("fd_readdir", fd, 4096, 64, 0, OUT));
        assertTrue(g.mem.getInt(OUT) == 64);
      }
      int held = 0;
      for (int fd = 0; fd < 64; fd++) {
        try {
          if (g.wasi.context().fds.get(fd) instanceof OpenDir d && d.listing != null) {
            held++;
          }
        } catch (WasiError closed) {
          // not open
        }
      }
      assertTrue(held <= 1, held + " directory listings held at once");
    }
  }

  /** No host descriptor is left open by a call that fails, wherever it fails. */
  @Test
  void failingCallsLeakNoHostDescriptor() throws IOException {
    Path fds = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(fds));
    Path pre = Files.createDirectory(tmp.resolve("pre"));
    Files.createDirectories(pre.resolve("s/t/u"));
    Files.writeString(pre.resolve("s/t/f"), "x");
    Files.createSymbolicLink(pre.resolve("s/t/u/up"), Path.of("../../../.."));
    Files.createSymbolicLink(pre.resolve("s/t/loop"), Path.of("loop"));
    try (FakeGuest g = guest(pre, false)) {
      long before = count(fds);
      for (int i = 0; i < 100; i++) {
        for (String p :
            List.of(
                "s/t/u/../../../..",
                "s/t/u/up/x",
                "s/t/f/x",
                "s/t/loop",
                "s/t/nope/x",
                "s/t/u/" + Resolver.RESERVED + "x",
                "s/t/u/../f/")) {
          assertTrue(open(g, PRE, FOLLOW, p, 0, RW) != 0, p);
        }
        assertTrue(open(g, PRE, FOLLOW, "s/t/f", O_CREAT | 4, RW) != 0); // O_EXCL
        assertTrue(mkdir(g, PRE, "s/t/u/up/x") != 0);
      }
      // process-wide counts: another thread (a Cleaner, the test runner) may close one of its own
      // meanwhile, so a
      // leak shows as growth, and 100+ failing calls that each leaked would grow it by 100+
      assertTrue(count(fds) <= before, "host descriptors left open by failed calls");
      int opened = 0;
      while (open(g, PRE, 0, "s/t/f", 0, Rights.FD_READ) == 0) {
        opened++;
      }
      assertEquals(FdTable.MAX - 4, opened);
      long full = count(fds);
      for (int i = 0; i < 100; i++) {
        assertEquals(Errno.MFILE, open(g, PRE, 0, "s/t/f", 0, Rights.FD_READ));
        assertEquals(Errno.MFILE, open(g, PRE, 0, "s/t", O_DIRECTORY, Rights.DIRECTORY));
      }
      assertTrue(count(fds) <= full, "host descriptors left open by EMFILE");
      System.out.println(
          "wasm-layer-wasi: "
              + opened
              + " open files hold "
              + (full - before)
              + " host descriptors");
    }
  }

  private static long count(Path fds) throws IOException {
    try (Stream<Path> s = Files.list(fds)) {
      return s.count();
    }
  }

  /**
   * A FIFO inside a preopen is refused at once (opening it would block the host thread until a
   * writer came).
   */
  @Test
  void aFifoIsRefusedWithoutBlocking() throws Exception {
    Path pre = Files.createDirectory(tmp.resolve("pre"));
    Process p = new ProcessBuilder("mkfifo", pre.resolve("fifo").toString()).start();
    assumeTrue(p.waitFor() == 0);
    try (FakeGuest g = guest(pre, false)) {
      assertEquals(Errno.NOTSUP, open(g, PRE, 0, "fifo", 0, Rights.FD_READ));
      assertEquals(Errno.NOTSUP, open(g, PRE, 0, "fifo", 0, RW));
      assertEquals(Errno.NOTDIR, open(g, PRE, 0, "fifo", O_DIRECTORY, Rights.DIRECTORY));
      assertEquals(Errno.NOTDIR, open(g, PRE, 0, "fifo/", 0, Rights.FD_READ));
      assertEquals(0, symlink(g, "fifo", PRE, "to-fifo"));
      assertEquals(Errno.NOTSUP, open(g, PRE, FOLLOW, "to-fifo", 0, Rights.FD_READ));
    }
  }

  /** Offsets and sizes near 2^63 are errnos, never an exception out of the call. */
  @Test
  void offsetsNearTheEndOfLongAreErrnos() throws IOException {
    Path pre = Files.createDirectory(tmp.resolve("pre"));
    Files.writeString(pre.resolve("f"), "0123456789");
    try (FakeGuest g = guest(pre, false)) {
      assertEquals(0, open(g, PRE, 0, "f", 0, RW));
      int fd = g.mem.getInt(OUT);
      g.mem.putInt(64, 4096).putInt(68, 200_000); // one iovec of 200,000 bytes at 4096
      for (long off :
          new long[] {
            Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE - 100_000, -1, Long.MIN_VALUE
          }) {
        int w = g.call("fd_pwrite", fd, 64, 1, off, OUT);
        assertTrue(w != 0, "pwrite at " + off);
        int r = g.call("fd_pread", fd, 64, 1, off, OUT);
        assertTrue(r != 0 || g.mem.getInt(OUT) == 0, "pread at " + off);
        assertTrue(g.call("fd_filestat_set_size", fd, off) != 0, "set_size " + off);
        g.call("fd_seek", fd, off, 2, OUT);
        g.call("fd_seek", fd, off, 1, OUT);
      }
      assertEquals(0, g.call("fd_seek", fd, 0, 0, OUT));
      assertEquals(10, Files.size(pre.resolve("f")));
    }
  }

  /**
   * The path fallback takes one name of its own directory, whatever the platform makes of it ('..',
   * 'C:\x').
   */
  @Test
  void thePathFallbackTakesOnlyNamesInItsDirectory() throws IOException {
    Path pre = Files.createDirectory(tmp.resolve("pre"));
    Files.writeString(tmp.resolve("secret"), "s");
    PathDir d = new PathDir(pre.toRealPath());
    assertThrows(IOException.class, () -> d.stat(".."));
    assertThrows(IOException.class, () -> d.openDir(".."));
    assertThrows(IOException.class, () -> d.openFile("../secret", Set.of()));
    assertThrows(IOException.class, () -> d.openFile(tmp.resolve("secret").toString(), Set.of()));
    assertEquals(pre.toRealPath(), ((PathDir) d.openDir(".")).hostPath());
  }

  /**
   * This thread's CPU time (reflectively: these tests compile inside the WASI module, which needs
   * no management).
   */
  private static long threadCpuNanos() {
    try {
      Object mx =
          Class.forName("java.lang.management.ManagementFactory")
              .getMethod("getThreadMXBean")
              .invoke(null);
      return (Long)
          Class.forName("java.lang.management.ThreadMXBean")
              .getMethod("getCurrentThreadCpuTime")
              .invoke(mx);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("this JVM cannot measure a thread's CPU time", e);
    }
  }

  /**
   * '..' opens the directories from the descriptor down again: a deep tree and a path (or a link's
   * text) of many '..' cost depth x count opens, seconds of host time per call that no deadline can
   * stop (host code).
   */
  @Test
  @Timeout(20)
  void manyDotDotsInADeepTreeEndQuickly() throws IOException {
    Path pre = Files.createDirectory(tmp.resolve("pre"));
    String down = "d/".repeat(800);
    Files.createDirectories(pre.resolve(down));
    Files.createSymbolicLink(pre.resolve("L"), Path.of(down + ".." + "/..".repeat(799)));
    Files.writeString(pre.resolve("x"), "inside");
    OpenDir d = Jails.preopen(pre, false, true);
    // CPU time of this thread (the opens are its system time), not wall time, which a loaded
    // machine stretches
    long t = threadCpuNanos();
    String viaLinks = Jails.read(d, "L/".repeat(10) + "x", true);
    String plain = Jails.read(d, "d/".repeat(1000 / 2) + "../".repeat(500) + "x", true);
    long ms = (threadCpuNanos() - t) / 1_000_000;
    assertTrue(ms < 2_000, ms + " ms of CPU for two resolutions");
    assertEquals("errno " + Errno.LOOP, viaLinks);
    assertEquals("inside", Jails.read(d, "d/d/../d/../../x", true));
    assertTrue(plain.equals("inside") || plain.equals("errno " + Errno.LOOP), plain);
    d.close();
  }
}
