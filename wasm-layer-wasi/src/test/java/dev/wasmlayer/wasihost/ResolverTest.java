package dev.wasmlayer.wasihost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The walk's rules, one case each, on the secure handles and on the path fallback. */
@Timeout(60)
class ResolverTest {
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

  @Test
  void insideWorksAndEscapesAreRefused() throws IOException {
    OpenDir d = Jails.preopen(pre, false, true);
    assertEquals("inside", Jails.read(d, "a.txt", true));
    assertEquals("inside", Jails.read(d, "sub/deeper/../../a.txt", true));
    assertEquals("inside", Jails.read(d, "in", true));
    assertEquals("errno " + Errno.LOOP, Jails.read(d, "in", false), "O_NOFOLLOW on a link");
    assertEquals("errno " + Errno.PERM, Jails.read(d, "../secret.txt", true));
    assertEquals("errno " + Errno.PERM, Jails.read(d, "sub/../../secret.txt", true));
    assertEquals("errno " + Errno.PERM, Jails.read(d, "/etc/passwd", true));
    assertEquals("errno " + Errno.PERM, Jails.read(d, "out-abs", true));
    assertEquals("errno " + Errno.PERM, Jails.read(d, "out-rel", true));
    assertEquals("errno " + Errno.PERM, Jails.read(d, "up/secret.txt", true));
    assertEquals("errno " + Errno.LOOP, Jails.read(d, "loop1", true));
    assertEquals("errno " + Errno.NOTDIR, Jails.read(d, "a.txt/x", true));
    assertEquals("errno " + Errno.NOENT, Jails.read(d, "nope/x", true));
    assertEquals("errno " + Errno.NOENT, Jails.read(d, Resolver.RESERVED + "x", true));
    d.close();
  }

  @Test
  void aDirectoryFdIsACapability() throws IOException, WasiError {
    OpenDir root = Jails.preopen(pre, false, true);
    OpenDir sub;
    try (Resolved r = Resolver.resolve(root, "sub", true)) {
      sub = new OpenDir(r.root, r.dir.openDir(r.name), null);
    }
    Files.writeString(pre.resolve("sub/b.txt"), "below");
    assertEquals("below", Jails.read(sub, "deeper/../b.txt", true));
    // as on wasmtime (cap-std): '..' never goes above the descriptor, even where the preopen would
    // allow it
    assertEquals("errno " + Errno.PERM, Jails.read(sub, "../a.txt", true));
    assertEquals("errno " + Errno.PERM, Jails.read(sub, "../../secret.txt", true));
    sub.close();
    root.close();
  }

  @Test
  void withoutSecureStreamsSymlinksAreRefused() throws IOException {
    OpenDir d = Jails.preopen(pre, false, false);
    assertEquals("inside", Jails.read(d, "sub/../a.txt", true));
    assertEquals(
        "errno " + Errno.PERM,
        Jails.read(d, "in", true),
        "symlinks refused without secure streams");
    assertEquals("errno " + Errno.PERM, Jails.read(d, "out-rel", true));
    assertEquals("errno " + Errno.PERM, Jails.read(d, "../secret.txt", true));
  }
}
