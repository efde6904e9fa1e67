package dev.wasmlayer.wasihost;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Test access to the resolver: a preopen as WASI makes it, and opening a file by guest path as
 * path_open does.
 */
final class Jails {
  private Jails() {}

  static OpenDir preopen(Path dir, boolean readOnly, boolean secure) throws IOException {
    Path real = dir.toRealPath();
    DirHandle h = secure ? SecureDir.open(real) : new PathDir(real);
    return new OpenDir(new Root("/pre", readOnly, h), h.openDir("."), "/pre");
  }

  /** The file's content, or the errno the resolution or the open failed with ("errno N"). */
  static String read(OpenDir base, String path, boolean follow) {
    try (Resolved r = Resolver.resolve(base, path, follow)) {
      if (r.isSelf()) {
        return "errno " + Errno.ISDIR;
      }
      try (FileChannel ch =
          r.dir.openFile(r.name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
        ByteBuffer b = ByteBuffer.allocate(64);
        ch.read(b);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
      }
    } catch (WasiError e) {
      return "errno " + e.errno;
    } catch (IOException e) {
      return "errno " + IoErrors.errno(e);
    }
  }
}
