package dev.wasmlayer.wasihost;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where a guest path led: a directory handle inside a preopen and one name in it. The name is
 * {@code "."} when the path names the directory itself; otherwise it is a single component that may
 * or may not exist.
 */
final class Resolved implements AutoCloseable {
  final Root root;
  final DirHandle dir;
  final String name;
  private final boolean owned;

  Resolved(Root root, DirHandle dir, boolean owned, String name) {
    this.root = root;
    this.dir = dir;
    this.owned = owned;
    this.name = name;
  }

  boolean isSelf() {
    return name.equals(".");
  }

  /** The attributes of the named entry (not following a symlink), or null if there is none. */
  BasicFileAttributes statOrNull() throws IOException {
    try {
      return isSelf() ? dir.statSelf() : dir.stat(name);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** The host path of the entry, for the operations that exist by path only. */
  Path hostPath() {
    return dir.hostPath().resolve(name).normalize();
  }

  /**
   * Throws {@link Errno#INVAL} if the path named a directory itself where an entry name is needed.
   */
  Resolved entry() throws WasiError {
    if (isSelf()) {
      throw new WasiError(Errno.INVAL, "the path names a directory, not an entry in one");
    }
    return this;
  }

  @Override
  public void close() throws IOException {
    if (owned) {
      dir.close();
    }
  }
}
