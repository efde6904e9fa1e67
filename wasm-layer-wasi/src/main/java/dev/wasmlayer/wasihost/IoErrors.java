package dev.wasmlayer.wasihost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Map;

/**
 * Host failures as WASI error numbers: the JDK's exception types first, then the OS's own reason
 * text.
 */
final class IoErrors {
  /** strerror texts (glibc and macOS) the JDK puts in a FileSystemException's reason. */
  private static final Map<String, Integer> REASONS =
      Map.ofEntries(
          Map.entry("Too many levels of symbolic links", Errno.LOOP),
          Map.entry("Is a directory", Errno.ISDIR),
          Map.entry("Not a directory", Errno.NOTDIR),
          Map.entry("Directory not empty", Errno.NOTEMPTY),
          Map.entry("File exists", Errno.EXIST),
          Map.entry("Invalid cross-device link", Errno.XDEV),
          Map.entry("Cross-device link", Errno.XDEV),
          Map.entry("No space left on device", Errno.NOSPC),
          Map.entry("File too large", Errno.FBIG),
          Map.entry("Read-only file system", Errno.ROFS),
          Map.entry("Operation not permitted", Errno.PERM),
          Map.entry("Permission denied", Errno.ACCES),
          Map.entry("Too many open files", Errno.MFILE),
          Map.entry("File name too long", Errno.NAMETOOLONG),
          Map.entry("Invalid argument", Errno.INVAL),
          Map.entry("Device or resource busy", Errno.BUSY),
          Map.entry("Too many links", Errno.MLINK),
          Map.entry("No such file or directory", Errno.NOENT),
          Map.entry("symlinks are refused on this platform", Errno.NOTCAPABLE),
          Map.entry("not a name in this directory", Errno.NOTCAPABLE));

  private IoErrors() {}

  static int errno(IOException e) {
    if (e instanceof NoSuchFileException) {
      return Errno.NOENT;
    }
    if (e instanceof FileAlreadyExistsException) {
      return Errno.EXIST;
    }
    if (e instanceof DirectoryNotEmptyException) {
      return Errno.NOTEMPTY;
    }
    if (e instanceof NotDirectoryException) {
      return Errno.NOTDIR;
    }
    if (e instanceof AccessDeniedException) {
      return Errno.ACCES;
    }
    if (e instanceof NotLinkException) {
      return Errno.INVAL;
    }
    if (e instanceof FileSystemLoopException) {
      return Errno.LOOP;
    }
    if (e instanceof AtomicMoveNotSupportedException) {
      return Errno.XDEV;
    }
    if (e instanceof ClosedChannelException) {
      return Errno.BADF;
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      Integer errno = REASONS.get(fse.getReason());
      if (errno != null) {
        return errno;
      }
    }
    String m = String.valueOf(e.getMessage());
    return REASONS.entrySet().stream()
        .filter(r -> m.contains(r.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(Errno.IO);
  }

  /**
   * An unchecked failure inside a WASI call: never a trap for the guest, an error number instead.
   */
  static int errno(RuntimeException e) {
    if (e instanceof NonWritableChannelException || e instanceof NonReadableChannelException) {
      return Errno.BADF;
    }
    if (e instanceof UncheckedIOException u) {
      return errno(u.getCause());
    }
    if (e instanceof InvalidPathException) {
      return Errno.INVAL;
    }
    if (e instanceof IndexOutOfBoundsException) {
      return Errno.FAULT;
    }
    if (e instanceof UnsupportedOperationException) {
      return Errno.NOTSUP;
    }
    return Errno.IO;
  }
}
