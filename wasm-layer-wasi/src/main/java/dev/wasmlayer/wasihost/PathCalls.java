package dev.wasmlayer.wasihost;

import static dev.wasmlayer.wasihost.GuestMemory.u32;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

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
    boolean directory = (oflags & O_DIRECTORY) != 0;
    if (creat && directory) {
      return Errno.INVAL;
    }
    PathOps.Open o =
        new PathOps.Open(
            creat,
            directory,
            (oflags & O_EXCL) != 0,
            (oflags & O_TRUNC) != 0,
            (rights & (Rights.FD_READ | Rights.FD_READDIR)) != 0,
            (rights & Rights.WRITES) != 0,
            (fdflags & OpenFile.APPEND) != 0,
            rights);
    try (Resolved r = resolve(m, a[0], a[2], a[3], (a[1] & FOLLOW) != 0)) {
      return add(m, out, PathOps.open(r, o));
    }
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
      PathOps.mkdir(r);
      return Errno.SUCCESS;
    }
  }

  private int stat(GuestMemory m, long[] a) throws WasiError, IOException {
    long out = u32(a[4]);
    m.check(out, FileStats.FILESTAT_SIZE);
    try (Resolved r = resolve(m, a[0], a[2], a[3], (a[1] & FOLLOW) != 0)) {
      BasicFileAttributes st = PathOps.stat(r);
      m.write(out, FileStats.filestat(st, st.size()));
      return Errno.SUCCESS;
    }
  }

  private int setTimes(GuestMemory m, long[] a) throws WasiError, IOException {
    FileTime[] t = FdCalls.times(a[4], a[5], (int) a[6]);
    try (Resolved r = resolve(m, a[0], a[2], a[3], (a[1] & FOLLOW) != 0)) {
      PathOps.setTimes(r, t[0], t[1]);
      return Errno.SUCCESS;
    }
  }

  private int link(GuestMemory m, long[] a) throws WasiError, IOException {
    if ((a[1] & FOLLOW) != 0) {
      return Errno.INVAL; // as wasmtime: a hard link to a symlink's target is not offered
    }
    try (Resolved src = resolve(m, a[0], a[2], a[3], false);
        Resolved dst = resolve(m, a[4], a[5], a[6], false)) {
      PathOps.link(src, dst);
      return Errno.SUCCESS;
    }
  }

  private int readlink(GuestMemory m, long[] a) throws WasiError, IOException {
    long buf = u32(a[3]);
    long len = u32(a[4]);
    long used = u32(a[5]);
    m.check(used, 4);
    try (Resolved r = resolve(m, a[0], a[1], a[2], false)) {
      byte[] target = PathOps.readlink(r).getBytes(StandardCharsets.UTF_8);
      int n = (int) Math.min(len, target.length);
      // the bytes written are checked, not the length claimed (as wasmtime)
      m.write(buf, target, 0, n);
      m.writeI32(used, n);
      return Errno.SUCCESS;
    }
  }

  private int rmdir(GuestMemory m, long[] a) throws WasiError, IOException {
    try (Resolved r = resolve(m, a[0], a[1], a[2], false)) {
      PathOps.rmdir(r);
      return Errno.SUCCESS;
    }
  }

  private int rename(GuestMemory m, long[] a) throws WasiError, IOException {
    try (Resolved src = resolve(m, a[0], a[1], a[2], false);
        Resolved dst = resolve(m, a[3], a[4], a[5], false)) {
      PathOps.rename(src, dst);
      return Errno.SUCCESS;
    }
  }

  private int symlink(GuestMemory m, long[] a) throws WasiError, IOException {
    String target = m.path(u32(a[0]), u32(a[1]));
    try (Resolved r = resolve(m, a[2], a[3], a[4], false)) {
      PathOps.symlink(target, r);
      return Errno.SUCCESS;
    }
  }

  private int unlink(GuestMemory m, long[] a) throws WasiError, IOException {
    try (Resolved r = resolve(m, a[0], a[1], a[2], false)) {
      PathOps.unlink(r);
      return Errno.SUCCESS;
    }
  }
}
