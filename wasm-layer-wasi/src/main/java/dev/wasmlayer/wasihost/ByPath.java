package dev.wasmlayer.wasihost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The JDK creates directories, symlinks and hard links, and reads symlinks, by path only. Such a
 * call names its directory by the host path the walk reached it by, checked just before to still
 * lead to the walk's directory, and its result is checked through the handle after. A directory
 * renamed in between can still misplace the new entry; it is reported ({@link Errno#NOTCAPABLE})
 * and never used. Reads and writes of files never take this way.
 */
final class ByPath {
  private ByPath() {}

  /**
   * The host path of {@code name} in {@code r}'s directory, if that path still leads to the same
   * directory.
   */
  static Path of(Resolved r, String name) throws IOException, WasiError {
    return of(r.dir, name);
  }

  /**
   * The host path of {@code name} in {@code handle}, if the path it was reached by still leads to
   * it.
   */
  static Path of(DirHandle handle, String name) throws IOException, WasiError {
    Path dir = handle.hostPath();
    Object want = handle.statSelf().fileKey();
    Object have;
    try {
      have = Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      have =
          null; // the same answer whatever is (or is not) there now: the path may lead outside the
      // preopen
    }
    if (want == null || !want.equals(have)) {
      throw new WasiError(Errno.NOTCAPABLE, "the directory was moved during the call");
    }
    return dir.resolve(name);
  }

  /** Throws unless {@code name} now exists in {@code r}'s directory and is what the call made. */
  static BasicFileAttributes made(Resolved r, String name, Predicate<BasicFileAttributes> expected)
      throws IOException, WasiError {
    BasicFileAttributes a;
    try {
      a = r.dir.stat(name);
    } catch (NoSuchFileException e) {
      throw new WasiError(Errno.NOTCAPABLE, "the directory was moved during the call");
    }
    if (!expected.test(a)) {
      throw new WasiError(Errno.NOTCAPABLE, "the new entry was replaced during the call");
    }
    return a;
  }

  static boolean same(BasicFileAttributes a, BasicFileAttributes b) {
    return a.fileKey() != null && Objects.equals(a.fileKey(), b.fileKey());
  }
}
