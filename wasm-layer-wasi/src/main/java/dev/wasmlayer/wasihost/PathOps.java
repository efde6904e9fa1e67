package dev.wasmlayer.wasihost;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The operations on a resolved path, shared by every WASI version: what each checks (the root's
 * read-only flag, what is there now) and how it reaches the host file system. Failures are {@link
 * WasiError}s with preview 1's numbers.
 */
final class PathOps {
  private static final SecureRandom NAMES = new SecureRandom();

  private PathOps() {}

  /**
   * What an open asks for.
   *
   * @param create create the file if missing
   * @param directory it must be a directory
   * @param exclusive with create: fail if it exists
   * @param truncate empty the file
   * @param read open for reading
   * @param write open for writing
   * @param append writes go to the end
   * @param rights preview 1 rights the new file descriptor keeps
   */
  record Open(
      boolean create,
      boolean directory,
      boolean exclusive,
      boolean truncate,
      boolean read,
      boolean write,
      boolean append,
      long rights) {}

  /** Opens what {@code r} names: an {@link OpenDir} or an {@link OpenFile}. */
  static Descriptor open(Resolved r, Open o) throws WasiError, IOException {
    boolean write = o.write() || o.truncate();
    boolean read = o.read() || !write;
    if (o.create() && o.directory()) {
      throw new WasiError(Errno.INVAL, "create and directory together");
    }
    if (o.create() || write) {
      // before looking: a read-only preopen answers the same whether the file exists
      r.root.checkWritable();
    }
    BasicFileAttributes st = r.statOrNull();
    if (st != null && st.isDirectory()) {
      if (o.create() && o.exclusive()) {
        throw new WasiError(Errno.EXIST, r.name);
      }
      if (write) {
        throw new WasiError(Errno.ISDIR, r.name);
      }
      return new OpenDir(r.root, r.dir.openDir(r.isSelf() ? "." : r.name), null);
    }
    if (o.directory()) {
      throw new WasiError(st == null ? Errno.NOENT : Errno.NOTDIR, r.name);
    }
    if (st == null) {
      if (!o.create()) {
        throw new WasiError(Errno.NOENT, r.name);
      }
    } else if (o.create() && o.exclusive()) {
      throw new WasiError(Errno.EXIST, r.name);
    } else if (st.isSymbolicLink()) {
      throw new WasiError(Errno.LOOP, "the guest asked not to follow the symlink " + r.name);
    } else if (!st.isRegularFile()) {
      // devices, pipes and sockets inside a preopen are not handed to guests
      throw new WasiError(Errno.NOTSUP, "not a regular file: " + r.name);
    }
    Set<OpenOption> opts = new HashSet<>();
    opts.add(LinkOption.NOFOLLOW_LINKS);
    if (st == null) {
      opts.add(StandardOpenOption.CREATE_NEW); // the JDK creates only when writing: WRITE below
    }
    if (read) {
      opts.add(StandardOpenOption.READ);
    }
    if (write || st == null) {
      opts.add(StandardOpenOption.WRITE);
    }
    if (o.truncate()) {
      opts.add(StandardOpenOption.TRUNCATE_EXISTING);
    }
    FileChannel ch = r.dir.openFile(r.name, opts);
    DirHandle parent = null;
    try {
      parent = r.dir.openDir(".");
      Object key = r.dir.stat(r.name).fileKey();
      return new OpenFile(
          ch, read, write, o.append(), r.root, parent, r.name, key, o.rights() & Rights.FILE);
    } catch (IOException | RuntimeException e) {
      ch.close();
      if (parent != null) {
        parent.close();
      }
      throw e;
    }
  }

  /** The attributes of what {@code r} names, not following a last symlink. */
  static BasicFileAttributes stat(Resolved r) throws WasiError, IOException {
    BasicFileAttributes st = r.statOrNull();
    if (st == null) {
      throw new WasiError(Errno.NOENT, r.name);
    }
    return st;
  }

  static void mkdir(Resolved r) throws WasiError, IOException {
    if (r.isSelf() || r.statOrNull() != null) {
      throw new WasiError(Errno.EXIST, r.name);
    }
    r.root.checkWritable();
    Files.createDirectory(ByPath.of(r, r.name));
    ByPath.made(r, r.name, BasicFileAttributes::isDirectory);
  }

  /** Sets times (null leaves one as it is). */
  static void setTimes(Resolved r, FileTime modified, FileTime accessed)
      throws WasiError, IOException {
    stat(r);
    r.root.checkWritable();
    if (modified == null && accessed == null) {
      return;
    }
    if (r.isSelf()) {
      r.dir.setTimesSelf(modified, accessed);
    } else {
      r.dir.setTimes(r.name, modified, accessed);
    }
  }

  static void link(Resolved src, Resolved dst) throws WasiError, IOException {
    src.entry();
    dst.entry();
    BasicFileAttributes st = stat(src);
    // a link out of a read-only preopen would be a writable name for a read-only file
    src.root.checkWritable();
    dst.root.checkWritable();
    if (st.isDirectory()) {
      throw new WasiError(Errno.PERM, "a hard link to a directory");
    }
    if (dst.statOrNull() != null) {
      throw new WasiError(Errno.EXIST, dst.name);
    }
    // made under a name guests cannot reach, checked to be the file the walk found, then renamed
    // into place
    String tmp = Resolver.RESERVED + "link-" + HexFormat.of().formatHex(randomBytes());
    Files.createLink(ByPath.of(dst, tmp), ByPath.of(src, src.name));
    try {
      ByPath.made(dst, tmp, made -> ByPath.same(made, st));
      dst.dir.move(tmp, dst.dir, dst.name);
    } finally {
      try {
        dst.dir.deleteFile(tmp);
      } catch (NoSuchFileException moved) {
        // renamed into place
      }
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[16];
    NAMES.nextBytes(b);
    return b;
  }

  /** A symlink's text; an absolute one is refused (it would tell where the host keeps things). */
  static String readlink(Resolved r) throws WasiError, IOException {
    r.entry();
    if (!stat(r).isSymbolicLink()) {
      throw new WasiError(Errno.INVAL, "not a symlink: " + r.name);
    }
    String text = Files.readSymbolicLink(ByPath.of(r, r.name)).toString();
    ByPath.of(r, r.name); // and after: the text read must come from this directory
    if (text.startsWith("/")) {
      throw new WasiError(Errno.PERM, "symlink " + r.name + " to an absolute path");
    }
    return text;
  }

  static void rmdir(Resolved r) throws WasiError, IOException {
    r.entry();
    r.root.checkWritable();
    r.dir.deleteDirectory(r.name);
  }

  static void rename(Resolved src, Resolved dst) throws WasiError, IOException {
    src.entry();
    dst.entry();
    stat(src);
    src.root.checkWritable();
    dst.root.checkWritable();
    src.dir.move(src.name, dst.dir, dst.name);
  }

  static void symlink(String target, Resolved r) throws WasiError, IOException {
    r.entry();
    if (r.statOrNull() != null) {
      throw new WasiError(Errno.EXIST, r.name);
    }
    r.root.checkWritable();
    if (target.startsWith("/")) {
      throw new WasiError(Errno.PERM, "could never be followed inside the sandbox: " + target);
    }
    Files.createSymbolicLink(ByPath.of(r, r.name), Path.of(target));
    ByPath.made(r, r.name, BasicFileAttributes::isSymbolicLink);
  }

  static void unlink(Resolved r) throws WasiError, IOException {
    r.entry();
    r.root.checkWritable();
    r.dir.deleteFile(r.name);
  }
}
