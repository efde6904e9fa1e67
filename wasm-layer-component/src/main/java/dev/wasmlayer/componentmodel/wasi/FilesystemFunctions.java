package dev.wasmlayer.componentmodel.wasi;

import static dev.wasmlayer.component.WitFuncType.param;
import static dev.wasmlayer.componentmodel.wasi.FsTypes.ERROR_CODE;
import static dev.wasmlayer.componentmodel.wasi.Wit.BOOL;
import static dev.wasmlayer.componentmodel.wasi.Wit.BYTES;
import static dev.wasmlayer.componentmodel.wasi.Wit.STRING;
import static dev.wasmlayer.componentmodel.wasi.Wit.U64;

import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.component.WitType;
import dev.wasmlayer.wasihost.SandboxDir;
import dev.wasmlayer.wasihost.SandboxFailure;
import dev.wasmlayer.wasihost.SandboxFile;
import dev.wasmlayer.wasihost.SandboxStat;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code wasi:filesystem/types} and {@code preopens} on the preview 1 sandbox ({@link SandboxDir}):
 * the same preopens, path walk and refusals, each preview 1 error number answered as the {@code
 * error-code} of the same meaning. A descriptor is a {@link SandboxDir} or a {@link SandboxFile}.
 */
final class FilesystemFunctions {
  static final String TYPES = "wasi:filesystem/types";
  static final String PREOPENS = "wasi:filesystem/preopens";

  private final WasiState s;
  private final Registry r;
  private final ResourceType desc;

  private FilesystemFunctions(Registry r, WasiState s) {
    this.r = r;
    this.s = s;
    this.desc = s.descriptor;
  }

  /** A descriptor operation that may fail with a sandbox failure, answered as an error-code. */
  @FunctionalInterface
  private interface Op {
    Object run(Object self, Object[] a) throws SandboxFailure;
  }

  /** The remaining entries of a {@code read-directory} listing. */
  static final class DirStream {
    private final Iterator<SandboxDir.Entry> entries;

    DirStream(List<SandboxDir.Entry> entries) {
      this.entries = entries.iterator();
    }
  }

  static void register(Registry r, WasiState s) {
    new FilesystemFunctions(r, s).define();
  }

  private void method(String name, WitType ok, Op op, WitFuncType.Param... params) {
    r.method(
        TYPES,
        desc,
        name,
        Wit.result(ok, ERROR_CODE),
        a -> {
          Object[] rest = new Object[a.length - 1];
          System.arraycopy(a, 1, rest, 0, rest.length);
          try {
            Object v = op.run(a[0], rest);
            return v instanceof WitResult w ? w : WitResult.ok(v);
          } catch (SandboxFailure f) {
            return WitResult.err(ErrorCodes.of(f));
          }
        },
        params);
  }

  private static WitResult err(String code) {
    return WitResult.err(code);
  }

  private void define() {
    r.resource(TYPES, desc);
    r.resource(TYPES, s.directoryEntryStream);
    WitType in = Wit.own(s.inputStream);
    WitType out = Wit.own(s.outputStream);
    WitType ownDesc = Wit.own(desc);
    WitFuncType.Param path = param("path", STRING);
    WitFuncType.Param pathFlags = param("path-flags", FsTypes.PATH_FLAGS);

    method(
        "read-via-stream",
        in,
        (self, a) -> {
          SandboxFile f = file(self);
          return f.readable() ? new Streams.FileIn(f, Values.u64(a[0])) : err("bad-descriptor");
        },
        param("offset", U64));
    method(
        "write-via-stream",
        out,
        (self, a) -> {
          SandboxFile f = file(self);
          return f.writable() ? Streams.FileOut.at(f, Values.u64(a[0])) : err("bad-descriptor");
        },
        param("offset", U64));
    method(
        "append-via-stream",
        out,
        (self, a) -> {
          SandboxFile f = file(self);
          return f.writable() ? Streams.FileOut.append(f) : err("bad-descriptor");
        });
    method(
        "advise",
        null,
        (self, a) -> {
          file(self);
          return null; // advice only: nothing to do
        },
        param("offset", U64),
        param("length", U64),
        param("advice", FsTypes.ADVICE));
    method("sync-data", null, (self, a) -> sync(self, false));
    method("sync", null, (self, a) -> sync(self, true));
    method("get-flags", FsTypes.DESCRIPTOR_FLAGS, (self, a) -> flags(self));
    method("get-type", FsTypes.DESCRIPTOR_TYPE, (self, a) -> FsTypes.type(stat(self).type()));
    method(
        "set-size",
        null,
        (self, a) -> {
          file(self).setSize(Values.u64(a[0]));
          return null;
        },
        param("size", U64));
    method(
        "set-times",
        null,
        (self, a) -> {
          var at = FsTypes.newTimestamp(a[0]);
          var mt = FsTypes.newTimestamp(a[1]);
          if (self instanceof SandboxDir d) {
            d.setTimes(at, mt);
          } else {
            file(self).setTimes(at, mt);
          }
          return null;
        },
        param("data-access-timestamp", FsTypes.NEW_TIMESTAMP),
        param("data-modification-timestamp", FsTypes.NEW_TIMESTAMP));
    method(
        "read",
        Wit.tuple(BYTES, BOOL),
        (self, a) -> {
          int want = Values.atMost(a[0], IoFunctions.MAX_CHUNK);
          long offset = Values.u64(a[1]);
          if (offset < 0) {
            return List.of(new byte[0], true); // beyond any file
          }
          byte[] b = file(self).read(offset, want);
          return List.of(b, b.length < want || want == 0 && offset >= file(self).size());
        },
        param("length", U64),
        param("offset", U64));
    method(
        "write",
        U64,
        (self, a) -> {
          byte[] b = Values.bytes(a[0]);
          long offset = Values.u64(a[1]);
          if (offset < 0) {
            return err("file-too-large");
          }
          file(self).write(offset, b);
          return (long) b.length;
        },
        param("buffer", BYTES),
        param("offset", U64));
    method(
        "read-directory",
        Wit.own(s.directoryEntryStream),
        (self, a) -> new DirStream(dir(self).list()));
    method(
        "create-directory-at",
        null,
        (self, a) -> {
          dir(self).createDirectoryAt((String) a[0]);
          return null;
        },
        path);
    method("stat", FsTypes.DESCRIPTOR_STAT, (self, a) -> FsTypes.stat(stat(self)));
    method(
        "stat-at",
        FsTypes.DESCRIPTOR_STAT,
        (self, a) -> FsTypes.stat(dir(self).statAt(follow(a[0]), (String) a[1])),
        pathFlags,
        path);
    method(
        "set-times-at",
        null,
        (self, a) -> {
          dir(self)
              .setTimesAt(
                  follow(a[0]),
                  (String) a[1],
                  FsTypes.newTimestamp(a[2]),
                  FsTypes.newTimestamp(a[3]));
          return null;
        },
        pathFlags,
        path,
        param("data-access-timestamp", FsTypes.NEW_TIMESTAMP),
        param("data-modification-timestamp", FsTypes.NEW_TIMESTAMP));
    method(
        "link-at",
        null,
        (self, a) -> {
          if (follow(a[0])) {
            return err("invalid"); // as preview 1: a hard link to a symlink's target is not offered
          }
          dir(self).linkAt((String) a[1], dir(a[2]), (String) a[3]);
          return null;
        },
        param("old-path-flags", FsTypes.PATH_FLAGS),
        param("old-path", STRING),
        param("new-descriptor", Wit.borrow(desc)),
        param("new-path", STRING));
    method(
        "open-at",
        ownDesc,
        (self, a) -> {
          Set<?> open = (Set<?>) a[2];
          Set<?> flags = (Set<?>) a[3];
          SandboxDir base = dir(self);
          if (!s.mayOpen()) {
            // preview 1's EMFILE, which WASI 0.2 has no case of its own for
            return err(ErrorCodes.of(ErrorCodes.MFILE));
          }
          return s.opened(
              base.openAt(
                  follow(a[0]),
                  (String) a[1],
                  new SandboxDir.OpenFlags(
                      open.contains("create"),
                      open.contains("directory"),
                      open.contains("exclusive"),
                      open.contains("truncate"),
                      flags.contains("read"),
                      flags.contains("write"))));
        },
        pathFlags,
        path,
        param("open-flags", FsTypes.OPEN_FLAGS),
        param("flags", FsTypes.DESCRIPTOR_FLAGS));
    method("readlink-at", STRING, (self, a) -> dir(self).readlinkAt((String) a[0]), path);
    method(
        "remove-directory-at",
        null,
        (self, a) -> {
          dir(self).removeDirectoryAt((String) a[0]);
          return null;
        },
        path);
    method(
        "rename-at",
        null,
        (self, a) -> {
          dir(self).renameAt((String) a[0], dir(a[1]), (String) a[2]);
          return null;
        },
        param("old-path", STRING),
        param("new-descriptor", Wit.borrow(desc)),
        param("new-path", STRING));
    method(
        "symlink-at",
        null,
        (self, a) -> {
          dir(self).symlinkAt((String) a[0], (String) a[1]);
          return null;
        },
        param("old-path", STRING),
        param("new-path", STRING));
    method(
        "unlink-file-at",
        null,
        (self, a) -> {
          dir(self).unlinkFileAt((String) a[0]);
          return null;
        },
        path);
    r.method(
        TYPES,
        desc,
        "is-same-object",
        BOOL,
        a -> {
          try {
            SandboxStat x = stat(a[0]);
            SandboxStat y = stat(a[1]);
            return x.device() == y.device() && x.inode() == y.inode() && x.inode() != 0;
          } catch (SandboxFailure f) {
            return false;
          }
        },
        param("other", Wit.borrow(desc)));
    method(
        "metadata-hash",
        FsTypes.METADATA_HASH_VALUE,
        (self, a) -> FsTypes.metadataHash(stat(self)));
    method(
        "metadata-hash-at",
        FsTypes.METADATA_HASH_VALUE,
        (self, a) -> FsTypes.metadataHash(dir(self).statAt(follow(a[0]), (String) a[1])),
        pathFlags,
        path);

    r.method(
        TYPES,
        s.directoryEntryStream,
        "read-directory-entry",
        Wit.result(Wit.option(FsTypes.DIRECTORY_ENTRY), ERROR_CODE),
        a -> {
          DirStream d = Values.as(DirStream.class, a[0], "directory-entry-stream");
          return WitResult.ok(
              d.entries.hasNext()
                  ? Optional.of(FsTypes.entry(d.entries.next()))
                  : Optional.empty());
        });
    r.func(
        TYPES,
        "filesystem-error-code",
        Wit.option(ERROR_CODE),
        a -> Values.as(IoError.class, a[0], "error").filesystemCode(),
        param("err", Wit.borrow(s.error)));

    r.func(
        PREOPENS,
        "get-directories",
        Wit.list(Wit.tuple(ownDesc, STRING)),
        a -> {
          List<List<Object>> dirs = new ArrayList<>();
          for (SandboxDir d : s.preopens) {
            dirs.add(List.of(d, d.preopenName()));
          }
          return dirs;
        });
  }

  private static boolean follow(Object pathFlags) {
    return Values.has(pathFlags, "symlink-follow");
  }

  /** The descriptor as a directory; a file answers {@code not-directory}. */
  private static SandboxDir dir(Object self) throws SandboxFailure {
    if (self instanceof SandboxDir d) {
      return d;
    }
    throw failure(self, ErrorCodes.NOTDIR, "not a directory");
  }

  /** The descriptor as a file; a directory answers {@code is-directory}. */
  private static SandboxFile file(Object self) throws SandboxFailure {
    if (self instanceof SandboxFile f) {
      return f;
    }
    throw failure(self, ErrorCodes.ISDIR, "a directory");
  }

  private static SandboxFailure failure(Object self, int errno, String why) {
    if (!(self instanceof SandboxDir) && !(self instanceof SandboxFile)) {
      throw new IllegalArgumentException("not a descriptor: " + self);
    }
    return SandboxFailure.withErrno(errno, why);
  }

  private static SandboxStat stat(Object self) throws SandboxFailure {
    return self instanceof SandboxDir d ? d.stat() : file(self).stat();
  }

  private static Object sync(Object self, boolean metadata) throws SandboxFailure {
    if (self instanceof SandboxFile f) {
      f.sync(metadata);
    } else {
      dir(self);
    }
    return null;
  }

  private static Set<String> flags(Object self) throws SandboxFailure {
    Set<String> out = new LinkedHashSet<>();
    if (self instanceof SandboxDir d) {
      out.add("read");
      if (!d.readOnly()) {
        out.add("mutate-directory");
      }
      return out;
    }
    SandboxFile f = file(self);
    if (f.readable()) {
      out.add("read");
    }
    if (f.writable()) {
      out.add("write");
    }
    return out;
  }
}
