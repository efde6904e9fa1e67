package dev.wasmlayer.wasihost;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What a sandboxed stat reports: the same facts preview 1's {@code filestat} carries.
 *
 * @param type what the entry is
 * @param size its size in bytes
 * @param accessed last access, or null where unknown
 * @param modified last modification, or null where unknown
 * @param device the device number (0 where unknown)
 * @param inode the inode number (0 where unknown)
 */
public record SandboxStat(
    Type type, long size, FileTime accessed, FileTime modified, long device, long inode) {
  /** The kinds of entry a sandbox shows. */
  public enum Type {
    /** Something else (a device, pipe or socket: never opened for a guest). */
    UNKNOWN,
    /** A directory. */
    DIRECTORY,
    /** A regular file. */
    REGULAR_FILE,
    /** A symbolic link. */
    SYMBOLIC_LINK
  }

  static Type type(BasicFileAttributes a) {
    if (a.isSymbolicLink()) {
      return Type.SYMBOLIC_LINK;
    }
    if (a.isDirectory()) {
      return Type.DIRECTORY;
    }
    return a.isRegularFile() ? Type.REGULAR_FILE : Type.UNKNOWN;
  }

  static SandboxStat of(BasicFileAttributes a, long size) {
    return new SandboxStat(
        type(a),
        size,
        a.lastAccessTime(),
        a.lastModifiedTime(),
        FileStats.dev(a.fileKey()),
        FileStats.ino(a.fileKey()));
  }
}
