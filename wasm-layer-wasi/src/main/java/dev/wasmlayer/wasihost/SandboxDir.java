package dev.wasmlayer.wasihost;

import dev.wasmlayer.wasi.Preopen;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * An open directory inside a preopen, for WASI versions other than preview 1: every path is walked
 * by the same {@link Resolver} and every operation is the one preview 1's {@code path_*} calls run,
 * so the sandbox (no {@code ..} above this directory, no absolute paths, no symlink out, races
 * refused, read-only preopens) is the same. Failures are {@link SandboxFailure}s carrying preview
 * 1's error numbers.
 *
 * <p>Not thread-safe: one store's calls run one at a time.
 */
public final class SandboxDir implements Closeable {
  private final OpenDir dir;
  private final boolean preopen;

  private SandboxDir(OpenDir dir, boolean preopen) {
    this.dir = dir;
    this.preopen = preopen;
  }

  /**
   * Opens a preopened directory; closing the result closes the preopen.
   *
   * @param p the host directory, its guest name and whether it is read-only
   * @return the directory
   * @throws IOException if it cannot be opened
   */
  public static SandboxDir preopen(Preopen p) throws IOException {
    return new SandboxDir(JavaWasi.preopen(p), true);
  }

  /** {@return the guest's name of a preopen, or null for a directory opened below one} */
  public String preopenName() {
    return dir.preopenName;
  }

  /** {@return whether nothing under this directory may be changed (a read-only preopen)} */
  public boolean readOnly() {
    return dir.root.readOnly();
  }

  /**
   * What {@link #openAt} asks for.
   *
   * @param create create a missing file
   * @param directory it must be a directory
   * @param exclusive with create: fail if it exists
   * @param truncate empty the file
   * @param read open for reading
   * @param write open for writing
   */
  public record OpenFlags(
      boolean create,
      boolean directory,
      boolean exclusive,
      boolean truncate,
      boolean read,
      boolean write) {}

  /**
   * Opens {@code path} below this directory.
   *
   * @param follow follow a symlink in the last place
   * @param path the guest's relative path
   * @param flags what to open it for
   * @return a {@link SandboxDir} or a {@link SandboxFile}
   * @throws SandboxFailure as preview 1's {@code path_open} fails
   */
  public Closeable openAt(boolean follow, String path, OpenFlags flags) throws SandboxFailure {
    PathOps.Open o =
        new PathOps.Open(
            flags.create(),
            flags.directory(),
            flags.exclusive(),
            flags.truncate(),
            flags.read(),
            flags.write(),
            false,
            Rights.FILE);
    try (Resolved r = Resolver.resolve(dir, path, follow)) {
      Descriptor d = PathOps.open(r, o);
      return d instanceof OpenDir od ? new SandboxDir(od, false) : new SandboxFile((OpenFile) d);
    } catch (WasiError | IOException | RuntimeException e) {
      throw SandboxFailure.of(e);
    }
  }

  /**
   * {@return this directory's own attributes}
   *
   * @throws SandboxFailure if they cannot be read
   */
  public SandboxStat stat() throws SandboxFailure {
    try {
      BasicFileAttributes a = dir.dir.statSelf();
      return SandboxStat.of(a, a.size());
    } catch (IOException | RuntimeException e) {
      throw SandboxFailure.of(e);
    }
  }

  /**
   * {@return the attributes of what {@code path} names}
   *
   * @param follow follow a symlink in the last place
   * @param path the guest's relative path
   * @throws SandboxFailure as preview 1's {@code path_filestat_get} fails
   */
  public SandboxStat statAt(boolean follow, String path) throws SandboxFailure {
    try (Resolved r = Resolver.resolve(dir, path, follow)) {
      BasicFileAttributes a = PathOps.stat(r);
      return SandboxStat.of(a, a.size());
    } catch (WasiError | IOException | RuntimeException e) {
      throw SandboxFailure.of(e);
    }
  }

  /** An operation on one resolved path. */
  @FunctionalInterface
  private interface OnPath<T> {
    T run(Resolved r) throws WasiError, IOException;
  }

  private <T> T at(String path, boolean follow, OnPath<T> op) throws SandboxFailure {
    try (Resolved r = Resolver.resolve(dir, path, follow)) {
      return op.run(r);
    } catch (WasiError | IOException | RuntimeException e) {
      throw SandboxFailure.of(e);
    }
  }

  /**
   * Creates the directory {@code path}.
   *
   * @param path the guest's relative path
   * @throws SandboxFailure as preview 1's {@code path_create_directory} fails
   */
  public void createDirectoryAt(String path) throws SandboxFailure {
    at(
        path,
        false,
        r -> {
          PathOps.mkdir(r);
          return null;
        });
  }

  /**
   * Removes the empty directory {@code path}.
   *
   * @param path the guest's relative path
   * @throws SandboxFailure as preview 1's {@code path_remove_directory} fails
   */
  public void removeDirectoryAt(String path) throws SandboxFailure {
    at(
        path,
        false,
        r -> {
          PathOps.rmdir(r);
          return null;
        });
  }

  /**
   * Removes the file (or symlink) {@code path}.
   *
   * @param path the guest's relative path
   * @throws SandboxFailure as preview 1's {@code path_unlink_file} fails
   */
  public void unlinkFileAt(String path) throws SandboxFailure {
    at(
        path,
        false,
        r -> {
          PathOps.unlink(r);
          return null;
        });
  }

  /**
   * {@return the text of the symlink {@code path}}
   *
   * @param path the guest's relative path
   * @throws SandboxFailure as preview 1's {@code path_readlink} fails
   */
  public String readlinkAt(String path) throws SandboxFailure {
    return at(path, false, PathOps::readlink);
  }

  /**
   * Makes the symlink {@code path} with the text {@code target}.
   *
   * @param target the link's text, relative
   * @param path the guest's relative path of the new link
   * @throws SandboxFailure as preview 1's {@code path_symlink} fails
   */
  public void symlinkAt(String target, String path) throws SandboxFailure {
    at(
        path,
        false,
        r -> {
          PathOps.symlink(target, r);
          return null;
        });
  }

  /**
   * Sets the times of {@code path} (null leaves one as it is).
   *
   * @param follow follow a symlink in the last place
   * @param path the guest's relative path
   * @param accessed the new access time or null
   * @param modified the new modification time or null
   * @throws SandboxFailure as preview 1's {@code path_filestat_set_times} fails
   */
  public void setTimesAt(boolean follow, String path, FileTime accessed, FileTime modified)
      throws SandboxFailure {
    at(
        path,
        follow,
        r -> {
          PathOps.setTimes(r, modified, accessed);
          return null;
        });
  }

  /**
   * Sets this directory's own times (null leaves one as it is).
   *
   * @param accessed the new access time or null
   * @param modified the new modification time or null
   * @throws SandboxFailure if read-only or the host refuses
   */
  public void setTimes(FileTime accessed, FileTime modified) throws SandboxFailure {
    try {
      dir.root.checkWritable();
      if (accessed != null || modified != null) {
        dir.dir.setTimesSelf(modified, accessed);
      }
    } catch (WasiError | IOException | RuntimeException e) {
      throw SandboxFailure.of(e);
    }
  }

  /** Two resolutions at once, both closed after. */
  @FunctionalInterface
  private interface OnTwo {
    void run(Resolved a, Resolved b) throws WasiError, IOException;
  }

  private void two(String path, SandboxDir to, String toPath, OnTwo op) throws SandboxFailure {
    try (Resolved a = Resolver.resolve(dir, path, false);
        Resolved b = Resolver.resolve(to.dir, toPath, false)) {
      op.run(a, b);
    } catch (WasiError | IOException | RuntimeException e) {
      throw SandboxFailure.of(e);
    }
  }

  /**
   * Renames {@code path} to {@code toPath} below {@code to}.
   *
   * @param path the guest's relative path
   * @param to the directory of the new name
   * @param toPath the new name's path there
   * @throws SandboxFailure as preview 1's {@code path_rename} fails
   */
  public void renameAt(String path, SandboxDir to, String toPath) throws SandboxFailure {
    two(path, to, toPath, PathOps::rename);
  }

  /**
   * Makes a hard link {@code toPath} below {@code to} to the file {@code path}.
   *
   * @param path the existing file's path
   * @param to the directory of the new name
   * @param toPath the new name's path there
   * @throws SandboxFailure as preview 1's {@code path_link} fails
   */
  public void linkAt(String path, SandboxDir to, String toPath) throws SandboxFailure {
    two(path, to, toPath, PathOps::link);
  }

  /**
   * One directory entry.
   *
   * @param name its name
   * @param type what it is
   */
  public record Entry(String name, SandboxStat.Type type) {}

  /**
   * {@return the entries of this directory, without {@code .} and {@code ..} and names the
   * implementation keeps for itself}
   *
   * @throws SandboxFailure if it cannot be listed
   */
  public List<Entry> list() throws SandboxFailure {
    try {
      List<Entry> out = new ArrayList<>();
      for (String name : dir.dir.list()) {
        if (name.startsWith(Resolver.RESERVED)) {
          continue;
        }
        try {
          out.add(new Entry(name, SandboxStat.type(dir.dir.stat(name))));
        } catch (NoSuchFileException gone) {
          // removed while listing
        }
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw SandboxFailure.of(e);
    }
  }

  /** Closes the directory (a preopen's also its root handle). */
  @Override
  public void close() throws IOException {
    try {
      dir.close();
    } finally {
      if (preopen) {
        dir.root.handle().close();
      }
    }
  }
}
