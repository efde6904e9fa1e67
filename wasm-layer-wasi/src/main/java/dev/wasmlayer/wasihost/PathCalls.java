package dev.wasmlayer.wasihost;

import static dev.wasmlayer.wasihost.GuestMemory.u32;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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
 * The {@code path_*} calls: every path goes through {@link Resolver}, every change checks the
 * root's read-only flag.
 */
final class PathCalls {
  private static final int FOLLOW = 1;
  private static final int O_CREAT = 1;
  private static final int O_DIRECTORY = 2;
  private static final int O_EXCL = 4;
  private static final int O_TRUNC = 8;
  private static final SecureRandom NAMES = new SecureRandom();

  private final FdTable fds;

  private PathCalls(WasiContext cx) {
    this.fds = cx.fds;
  }

  static void register(Calls calls, WasiContext cx) {
    PathCalls p = new PathCalls(cx);
    calls.def("path_open", "iiiiiIIii", p::open);
    calls.def("path_create_directory", "iii", p::mkdir);
    calls.def("path_filestat_get", "iiiii", p::stat);
    calls.def("path_filestat_set_times", "iiiiIIi", p::setTimes);
    calls.def("path_link", "iiiiiii", p::link);
    calls.def("path_readlink", "iiiiii", p::readlink);
    calls.def("path_remove_directory", "iii", p::rmdir);
    calls.def("path_rename", "iiiiii", p::rename);
    calls.def("path_symlink", "iiiii", p::symlink);
    calls.def("path_unlink_file", "iii", p::unlink);
  }

  private OpenDir dir(long fd) throws WasiError {
    return fds.get(u32(fd), OpenDir.class, Errno.NOTDIR);
  }

  private Resolved resolve(GuestMemory m, long fd, long ptr, long len, boolean follow)
      throws WasiError, IOException {
    OpenDir base = dir(fd);
    String path = m.path(u32(ptr), u32(len));
    return Resolver.resolve(base, path, follow);
  }

  private int open(GuestMemory m, long[] a) throws WasiError, IOException {
    int oflags = (int) a[4] & 0xFFFF;
    long rights = a[5];
    int fdflags = (int) a[7] & 0xFFFF;
    long out = u32(a[8]);
    m.check(out, 4);
    boolean creat = (oflags & O_CREAT) != 0;
    boolean trunc = (oflags & O_TRUNC) != 0;
    boolean write = (rights & Rights.WRITES) != 0 || trunc;
    boolean read = (rights & (Rights.FD_READ | Rights.FD_READDIR)) != 0 || !write;
    if (creat && (oflags & O_DIRECTORY) != 0) {
      return Errno.INVAL;
    }
    try (Resolved r = resolve(m, a[0], a[2], a[3], (a[1] & FOLLOW) != 0)) {
      if (creat || trunc || write) {
        r.root.checkWritable(); // before looking: a read-only preopen answers the same whether the
        // file exists
      }
      BasicFileAttributes st = r.statOrNull();
      if (st != null && st.isDirectory()) {
        if (creat && (oflags & O_EXCL) != 0) {
          return Errno.EXIST;
        }
        if (write) {
          return Errno.ISDIR;
        }
        return add(m, out, openDir(r));
      }
      if ((oflags & O_DIRECTORY) != 0) {
        return st == null ? Errno.NOENT : Errno.NOTDIR;
      }
      if (st == null) {
        if (!creat) {
          return Errno.NOENT;
        }
      } else if (creat && (oflags & O_EXCL) != 0) {
        return Errno.EXIST;
      } else if (st.isSymbolicLink()) {
        return Errno.LOOP; // the guest asked not to follow it
      } else if (!st.isRegularFile()) {
        return Errno.NOTSUP; // devices, pipes and sockets inside a preopen are not handed to guests
      }
      Set<OpenOption> opts = new HashSet<>();
      opts.add(LinkOption.NOFOLLOW_LINKS);
      if (st == null) {
        opts.add(
            StandardOpenOption
                .CREATE_NEW); // the JDK creates only when writing: WRITE is added below
      }
      if (read) {
        opts.add(StandardOpenOption.READ);
      }
      if (write || st == null) {
        opts.add(StandardOpenOption.WRITE);
      }
      if (trunc) {
        opts.add(StandardOpenOption.TRUNCATE_EXISTING);
      }
      FileChannel ch = r.dir.openFile(r.name, opts);
      DirHandle parent = null;
      try {
        parent = r.dir.openDir(".");
        Object key = r.dir.stat(r.name).fileKey();
        OpenFile f =
            new OpenFile(
                ch,
                read,
                write,
                (fdflags & OpenFile.APPEND) != 0,
                r.root,
                parent,
                r.name,
                key,
                rights & Rights.FILE);
        return add(m, out, f);
      } catch (WasiError | IOException | RuntimeException e) {
        ch.close();
        if (parent != null) {
          parent.close();
        }
        throw e;
      }
    }
  }

  private static OpenDir openDir(Resolved r) throws IOException {
    return new OpenDir(r.root, r.dir.openDir(r.isSelf() ? "." : r.name), null);
  }

  private int add(GuestMemory m, long out, Descriptor d) throws WasiError, IOException {
    int fd;
    try {
      fd = fds.add(d);
    } catch (WasiError full) {
      d.close();
      throw full;
    }
    m.writeI32(out, fd);
    return Errno.SUCCESS;
  }

  private int mkdir(GuestMemory m, long[] a) throws WasiError, IOException {
    try (Resolved r = resolve(m, a[0], a[1], a[2], false)) {
      if (r.isSelf() || r.statOrNull() != null) {
        return Errno.EXIST;
      }
      r.root.checkWritable();
      Files.createDirectory(ByPath.of(r, r.name));
      ByPath.made(r, r.name, BasicFileAttributes::isDirectory);
      return Errno.SUCCESS;
    }
  }

  private int stat(GuestMemory m, long[] a) throws WasiError, IOException {
    long out = u32(a[4]);
    m.check(out, FileStats.FILESTAT_SIZE);
    try (Resolved r = resolve(m, a[0], a[2], a[3], (a[1] & FOLLOW) != 0)) {
      BasicFileAttributes st = r.statOrNull();
      if (st == null) {
        return Errno.NOENT;
      }
      m.write(out, FileStats.filestat(st, st.size()));
      return Errno.SUCCESS;
    }
  }

  private int setTimes(GuestMemory m, long[] a) throws WasiError, IOException {
    FileTime[] t = FdCalls.times(a[4], a[5], (int) a[6]);
    try (Resolved r = resolve(m, a[0], a[2], a[3], (a[1] & FOLLOW) != 0)) {
      if (r.statOrNull() == null) {
        return Errno.NOENT;
      }
      r.root.checkWritable();
      if (t[0] == null && t[1] == null) {
        return Errno.SUCCESS;
      }
      if (r.isSelf()) {
        r.dir.setTimesSelf(t[0], t[1]);
      } else {
        r.dir.setTimes(r.name, t[0], t[1]);
      }
      return Errno.SUCCESS;
    }
  }

  private int link(GuestMemory m, long[] a) throws WasiError, IOException {
    if ((a[1] & FOLLOW) != 0) {
      return Errno.INVAL; // as wasmtime: a hard link to a symlink's target is not offered
    }
    try (Resolved src = resolve(m, a[0], a[2], a[3], false);
        Resolved dst = resolve(m, a[4], a[5], a[6], false)) {
      src.entry();
      dst.entry();
      BasicFileAttributes st = src.statOrNull();
      if (st == null) {
        return Errno.NOENT;
      }
      // a link out of a read-only preopen would be a writable name for a read-only file
      src.root.checkWritable();
      dst.root.checkWritable();
      if (st.isDirectory()) {
        return Errno.PERM;
      }
      if (dst.statOrNull() != null) {
        return Errno.EXIST;
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
      return Errno.SUCCESS;
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[16];
    NAMES.nextBytes(b);
    return b;
  }

  private int readlink(GuestMemory m, long[] a) throws WasiError, IOException {
    long buf = u32(a[3]);
    long len = u32(a[4]);
    long used = u32(a[5]);
    m.check(used, 4);
    try (Resolved r = resolve(m, a[0], a[1], a[2], false)) {
      r.entry();
      BasicFileAttributes st = r.statOrNull();
      if (st == null) {
        return Errno.NOENT;
      }
      if (!st.isSymbolicLink()) {
        return Errno.INVAL;
      }
      String text = Files.readSymbolicLink(ByPath.of(r, r.name)).toString();
      ByPath.of(r, r.name); // and after: the text read must come from this directory
      if (text.startsWith("/")) {
        return Errno
            .PERM; // as wasmtime: an absolute target would tell the guest where the host keeps
        // things
      }
      byte[] target = text.getBytes(StandardCharsets.UTF_8);
      int n = (int) Math.min(len, target.length);
      m.write(
          buf, target, 0, n); // the bytes written are checked, not the length claimed (as wasmtime)
      m.writeI32(used, n);
      return Errno.SUCCESS;
    }
  }

  private int rmdir(GuestMemory m, long[] a) throws WasiError, IOException {
    try (Resolved r = resolve(m, a[0], a[1], a[2], false)) {
      r.entry();
      r.root.checkWritable();
      r.dir.deleteDirectory(r.name);
      return Errno.SUCCESS;
    }
  }

  private int rename(GuestMemory m, long[] a) throws WasiError, IOException {
    try (Resolved src = resolve(m, a[0], a[1], a[2], false);
        Resolved dst = resolve(m, a[3], a[4], a[5], false)) {
      src.entry();
      dst.entry();
      if (src.statOrNull() == null) {
        return Errno.NOENT;
      }
      src.root.checkWritable();
      dst.root.checkWritable();
      src.dir.move(src.name, dst.dir, dst.name);
      return Errno.SUCCESS;
    }
  }

  private int symlink(GuestMemory m, long[] a) throws WasiError, IOException {
    String target = m.path(u32(a[0]), u32(a[1]));
    try (Resolved r = resolve(m, a[2], a[3], a[4], false)) {
      r.entry();
      if (r.statOrNull() != null) {
        return Errno.EXIST;
      }
      r.root.checkWritable();
      if (target.startsWith("/")) {
        return Errno.PERM; // could never be followed inside the sandbox
      }
      Files.createSymbolicLink(ByPath.of(r, r.name), Path.of(target));
      ByPath.made(r, r.name, BasicFileAttributes::isSymbolicLink);
      return Errno.SUCCESS;
    }
  }

  private int unlink(GuestMemory m, long[] a) throws WasiError, IOException {
    try (Resolved r = resolve(m, a[0], a[1], a[2], false)) {
      r.entry();
      r.root.checkWritable();
      r.dir.deleteFile(r.name);
      return Errno.SUCCESS;
    }
  }
}
