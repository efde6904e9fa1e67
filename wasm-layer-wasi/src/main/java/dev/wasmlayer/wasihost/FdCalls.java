package dev.wasmlayer.wasihost;

import static dev.wasmlayer.wasihost.GuestMemory.u32;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code fd_*} calls. */
final class FdCalls {
  private static final int SET_ATIM = 1;
  private static final int SET_ATIM_NOW = 2;
  private static final int SET_MTIM = 4;
  private static final int SET_MTIM_NOW = 8;
  private static final int NONBLOCK = 4;
  private static final int DIRENT = 24;

  private final FdTable fds;

  /**
   * The one directory whose listing is kept between fd_readdir calls (others list again from their
   * cookie).
   */
  private OpenDir listed;

  private FdCalls(WasiContext cx) {
    this.fds = cx.fds;
  }

  static void register(Calls calls, WasiContext cx) {
    FdCalls f = new FdCalls(cx);
    calls.def("fd_advise", "iIIi", f::advise);
    calls.def("fd_allocate", "iII", f::allocate);
    calls.def(
        "fd_close",
        "i",
        (m, a) -> {
          f.fds.remove(u32(a[0])).close();
          return Errno.SUCCESS;
        });
    calls.def("fd_datasync", "i", (m, a) -> f.sync(a, false));
    calls.def("fd_sync", "i", (m, a) -> f.sync(a, true));
    calls.def("fd_fdstat_get", "ii", f::fdstat);
    calls.def("fd_fdstat_set_flags", "ii", f::setFlags);
    calls.def("fd_fdstat_set_rights", "iII", f::setRights);
    calls.def("fd_filestat_get", "ii", f::filestat);
    calls.def("fd_filestat_set_size", "iI", f::setSize);
    calls.def("fd_filestat_set_times", "iIIi", f::setTimes);
    calls.def("fd_pread", "iiiIi", (m, a) -> f.read(m, a[0], a[1], a[2], a[3], a[4], true));
    calls.def("fd_read", "iiii", (m, a) -> f.read(m, a[0], a[1], a[2], -1, a[3], false));
    calls.def("fd_pwrite", "iiiIi", (m, a) -> f.write(m, a[0], a[1], a[2], a[3], a[4], true));
    calls.def("fd_write", "iiii", (m, a) -> f.write(m, a[0], a[1], a[2], -1, a[3], false));
    calls.def("fd_prestat_get", "ii", f::prestat);
    calls.def("fd_prestat_dir_name", "iii", f::prestatName);
    calls.def("fd_readdir", "iiiIi", f::readdir);
    calls.def(
        "fd_renumber",
        "ii",
        (m, a) -> {
          f.fds.renumber(u32(a[0]), u32(a[1]));
          return Errno.SUCCESS;
        });
    calls.def("fd_seek", "iIii", f::seek);
    calls.def("fd_tell", "ii", f::tell);
  }

  private OpenFile file(long fd) throws WasiError {
    Descriptor d = fds.get(u32(fd));
    if (d instanceof OpenFile f) {
      return f;
    }
    throw new WasiError(d instanceof OpenDir ? Errno.ISDIR : Errno.SPIPE, "not a file");
  }

  private int advise(GuestMemory m, long[] a) throws WasiError {
    fileOrBadf(a[0]);
    return a[1] < 0 || a[2] < 0 || (int) a[3] < 0 || (int) a[3] > 5 ? Errno.INVAL : Errno.SUCCESS;
  }

  private OpenFile fileOrBadf(long fd) throws WasiError {
    return fds.get(u32(fd), OpenFile.class, Errno.BADF);
  }

  private int allocate(GuestMemory m, long[] a) throws WasiError, IOException {
    fileOrBadf(a[0]);
    return Errno
        .NOTSUP; // as wasmtime (WASI 0.2 dropped it); a guest that needs the space writes it
  }

  /**
   * Grows a file to {@code size} (a zero byte at the end; the file system keeps the gap sparse).
   */
  private static void extend(FileChannel ch, long size) throws IOException {
    if (size > ch.size()) {
      ch.write(ByteBuffer.allocate(1), size - 1);
    }
  }

  private int sync(long[] a, boolean metadata) throws WasiError, IOException {
    Descriptor d = fds.get(u32(a[0]));
    if (d instanceof OpenFile f) {
      f.channel.force(metadata);
      return Errno.SUCCESS;
    }
    return d instanceof OpenDir ? Errno.SUCCESS : Errno.INVAL;
  }

  private int fdstat(GuestMemory m, long[] a) throws WasiError {
    Descriptor d = fds.get(u32(a[0]));
    ByteBuffer b = GuestMemory.struct(24);
    b.put((byte) d.fileType()).put((byte) 0).putShort((short) d.fdFlags()).putInt(0);
    b.putLong(d.rightsBase).putLong(d.rightsInheriting);
    m.write(u32(a[1]), b);
    return Errno.SUCCESS;
  }

  private int setFlags(GuestMemory m, long[] a) throws WasiError {
    Descriptor d = fds.get(u32(a[0]));
    int flags = (int) a[1] & 0xFFFF;
    if ((flags & ~(OpenFile.APPEND | NONBLOCK)) != 0) {
      return Errno.NOTSUP;
    }
    if (d instanceof OpenFile f) {
      f.append = (flags & OpenFile.APPEND) != 0;
    } else if ((flags & OpenFile.APPEND) != 0) {
      return Errno.INVAL;
    }
    return Errno.SUCCESS;
  }

  private int setRights(GuestMemory m, long[] a) throws WasiError {
    Descriptor d = fds.get(u32(a[0]));
    if ((a[1] & ~d.rightsBase) != 0 || (a[2] & ~d.rightsInheriting) != 0) {
      return Errno.NOTCAPABLE;
    }
    d.rightsBase = a[1];
    d.rightsInheriting = a[2];
    return Errno.SUCCESS;
  }

  private int filestat(GuestMemory m, long[] a) throws WasiError, IOException {
    Descriptor d = fds.get(u32(a[0]));
    long out = u32(a[1]);
    if (d instanceof OpenDir dir) {
      BasicFileAttributes s = dir.dir.statSelf();
      m.write(out, FileStats.filestat(s, s.size()));
    } else if (d instanceof OpenFile f) {
      BasicFileAttributes s = stillSame(f);
      m.write(
          out,
          s != null
              ? FileStats.filestat(s, f.channel.size())
              : FileStats.detached(f.fileKey, f.channel.size()));
    } else {
      m.write(out, FileStats.streamStat(d.fileType()));
    }
    return Errno.SUCCESS;
  }

  /**
   * The open file's attributes by its name, if the name still means this file (else null: it was
   * moved).
   */
  private static BasicFileAttributes stillSame(OpenFile f) {
    try {
      BasicFileAttributes s = f.parent.stat(f.name);
      return f.fileKey != null && f.fileKey.equals(s.fileKey()) ? s : null;
    } catch (IOException gone) {
      return null;
    }
  }

  private int setSize(GuestMemory m, long[] a) throws WasiError, IOException {
    OpenFile f = fileOrBadf(a[0]);
    long size = a[1];
    if (size < 0) {
      return Errno.INVAL;
    }
    if (!f.writable) {
      return f.root.readOnly()
          ? Errno.PERM
          : Errno.INVAL; // as wasmtime (and ftruncate on a read-only descriptor)
    }
    if (size < f.channel.size()) {
      f.channel.truncate(size);
    } else {
      extend(f.channel, size);
    }
    return Errno.SUCCESS;
  }

  /**
   * The times {@code *_set_times} asks for: null where unchanged; throws for contradictory flags.
   */
  static FileTime[] times(long atim, long mtim, int flags) throws WasiError {
    if ((flags & SET_ATIM) != 0 && (flags & SET_ATIM_NOW) != 0
        || (flags & SET_MTIM) != 0 && (flags & SET_MTIM_NOW) != 0
        || (flags & ~15) != 0) {
      throw new WasiError(Errno.INVAL, "bad fst_flags " + flags);
    }
    FileTime now = FileTime.from(Instant.now());
    FileTime a = (flags & SET_ATIM_NOW) != 0 ? now : (flags & SET_ATIM) != 0 ? nanos(atim) : null;
    FileTime mt = (flags & SET_MTIM_NOW) != 0 ? now : (flags & SET_MTIM) != 0 ? nanos(mtim) : null;
    return new FileTime[] {mt, a};
  }

  private static FileTime nanos(long n) {
    return FileTime.from(
        Instant.ofEpochSecond(
            Long.divideUnsigned(n, 1_000_000_000L), Long.remainderUnsigned(n, 1_000_000_000L)));
  }

  private int setTimes(GuestMemory m, long[] a) throws WasiError, IOException {
    Descriptor d = fds.get(u32(a[0]));
    FileTime[] t = times(a[1], a[2], (int) a[3]);
    if (d instanceof OpenDir dir) {
      dir.root.checkWritable();
      if (t[0] != null || t[1] != null) {
        dir.dir.setTimesSelf(t[0], t[1]);
      }
    } else if (d instanceof OpenFile f) {
      f.root.checkWritable();
      if (stillSame(f) == null) {
        return Errno.BADF; // moved or replaced since it was opened: its name no longer reaches it
      }
      if (t[0] != null || t[1] != null) {
        f.parent.setTimes(f.name, t[0], t[1]);
      }
    } else {
      return Errno.BADF;
    }
    return Errno.SUCCESS;
  }

  private int read(
      GuestMemory m,
      long fd,
      long iovs,
      long iovsLen,
      long offset,
      long nreadPtr,
      boolean positional)
      throws WasiError, IOException {
    Descriptor d = fds.get(u32(fd));
    long[] bufs = m.iovecs(u32(iovs), u32(iovsLen));
    m.check(u32(nreadPtr), 4);
    long n;
    if (d instanceof OpenFile f) {
      if (!f.readable) {
        return Errno.BADF;
      }
      if (positional && offset < 0) {
        return Errno.INVAL;
      }
      n = Transfers.read(m, bufs, f.channel, positional ? offset : -1);
    } else if (d instanceof StreamIn in && !positional) {
      n = Transfers.read(m, bufs, in.in);
    } else if (d instanceof OpenDir) {
      return Errno.ISDIR;
    } else {
      return positional ? Errno.SPIPE : Errno.BADF;
    }
    m.writeI32(u32(nreadPtr), (int) n);
    return Errno.SUCCESS;
  }

  private int write(
      GuestMemory m,
      long fd,
      long iovs,
      long iovsLen,
      long offset,
      long nwrittenPtr,
      boolean positional)
      throws WasiError, IOException {
    Descriptor d = fds.get(u32(fd));
    long[] bufs = m.iovecs(u32(iovs), u32(iovsLen));
    m.check(u32(nwrittenPtr), 4);
    long n;
    if (d instanceof OpenFile f) {
      if (!f.writable) {
        return Errno.BADF;
      }
      if (positional && offset < 0) {
        return Errno.INVAL;
      }
      if (!positional && f.append) {
        f.channel.position(f.channel.size());
      }
      n = Transfers.write(m, bufs, f.channel, positional ? offset : -1);
    } else if (d instanceof StreamOut out && !positional) {
      n = Transfers.write(m, bufs, out.out);
    } else if (d instanceof OpenDir) {
      return Errno.ISDIR;
    } else {
      return positional ? Errno.SPIPE : Errno.BADF;
    }
    m.writeI32(u32(nwrittenPtr), (int) n);
    return Errno.SUCCESS;
  }

  private int prestat(GuestMemory m, long[] a) throws WasiError {
    OpenDir dir = preopen(a[0]);
    ByteBuffer b = GuestMemory.struct(8);
    b.put((byte) 0).position(4);
    b.putInt(dir.preopenName.getBytes(StandardCharsets.UTF_8).length);
    m.write(u32(a[1]), b);
    return Errno.SUCCESS;
  }

  private OpenDir preopen(long fd) throws WasiError {
    Descriptor d = fds.get(u32(fd));
    if (d instanceof OpenDir dir && dir.preopenName != null) {
      return dir;
    }
    throw new WasiError(Errno.BADF, "not a preopened directory");
  }

  private int prestatName(GuestMemory m, long[] a) throws WasiError {
    byte[] name = preopen(a[0]).preopenName.getBytes(StandardCharsets.UTF_8);
    long ptr = u32(a[1]);
    long len = u32(a[2]);
    if (len < name.length) {
      return Errno.NAMETOOLONG;
    }
    m.write(
        ptr,
        name); // only the bytes written are checked (as wasmtime): a generous length is no error
    return Errno.SUCCESS;
  }

  private int readdir(GuestMemory m, long[] a) throws WasiError, IOException {
    OpenDir dir = fds.get(u32(a[0]), OpenDir.class, Errno.NOTDIR);
    long buf = u32(a[1]);
    long len = u32(a[2]);
    long cookie = a[3];
    long usedPtr = u32(a[4]);
    m.check(usedPtr, 4);
    if (cookie == 0 || dir.listing == null) {
      if (listed != null && listed != dir) {
        listed.listing =
            null; // one per store: 1,024 fds must not each hold a large directory's listing
      }
      dir.listing = listing(dir);
      listed = dir;
    }
    ByteBuffer out = GuestMemory.struct((int) Math.min(len, Transfers.CHUNK));
    for (long i = cookie; i >= 0 && i < dir.listing.size() && out.hasRemaining(); i++) {
      DirEntry e = dir.listing.get((int) i);
      byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
      ByteBuffer one = GuestMemory.struct(DIRENT + name.length);
      one.putLong(i + 1).putLong(e.ino()).putInt(name.length).put((byte) e.type()).position(DIRENT);
      one.put(name);
      out.put(
          one.array(),
          0,
          Math.min(one.capacity(), out.remaining())); // the last one may be cut, as WASI allows
    }
    m.write(buf, out); // the bytes written are checked, not the length claimed (as wasmtime)
    m.writeI32(usedPtr, out.position());
    return Errno
        .SUCCESS; // a buffer larger than the scratch comes back partly filled: the guest reads on
  }

  private static List<DirEntry> listing(OpenDir dir) throws IOException {
    List<DirEntry> entries = new ArrayList<>();
    BasicFileAttributes self = dir.dir.statSelf();
    entries.add(new DirEntry(".", FileStats.ino(self.fileKey()), Descriptor.DIRECTORY));
    entries.add(
        new DirEntry(
            "..", 0, Descriptor.DIRECTORY)); // the parent of a preopen is not the guest's to know
    for (String name : dir.dir.list()) {
      if (name.startsWith(Resolver.RESERVED)) {
        continue;
      }
      try {
        BasicFileAttributes s = dir.dir.stat(name);
        entries.add(new DirEntry(name, FileStats.ino(s.fileKey()), FileStats.fileType(s)));
      } catch (NoSuchFileException gone) {
        // removed while listing
      }
    }
    return entries;
  }

  private int seek(GuestMemory m, long[] a) throws WasiError, IOException {
    OpenFile f = file(a[0]);
    long offset = a[1];
    int whence = (int) a[2];
    long base =
        switch (whence) {
          case 0 -> 0;
          case 1 -> f.channel.position();
          case 2 -> f.channel.size();
          default -> throw new WasiError(Errno.INVAL, "whence " + whence);
        };
    long to = base + offset;
    if (to < 0 || (offset > 0 && to < base)) {
      return Errno.INVAL;
    }
    m.check(u32(a[3]), 8);
    f.channel.position(to);
    m.writeI64(u32(a[3]), to);
    return Errno.SUCCESS;
  }

  private int tell(GuestMemory m, long[] a) throws WasiError, IOException {
    OpenFile f = file(a[0]);
    m.writeI64(u32(a[1]), f.channel.position());
    return Errno.SUCCESS;
  }
}
