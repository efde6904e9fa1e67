package dev.wasmlayer.wasihost;

import java.nio.ByteBuffer;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/** WASI {@code filestat} and {@code dirent} fields from the JDK's file attributes. */
final class FileStats {
  static final int FILESTAT_SIZE = 64;

  private FileStats() {}

  static int fileType(BasicFileAttributes a) {
    if (a.isSymbolicLink()) {
      return Descriptor.SYMBOLIC_LINK;
    }
    if (a.isDirectory()) {
      return Descriptor.DIRECTORY;
    }
    return a.isRegularFile() ? Descriptor.REGULAR_FILE : Descriptor.UNKNOWN;
  }

  /**
   * The inode number in a file key (the JDK's Unix key prints as {@code (dev=hex,ino=decimal)}).
   */
  static long ino(Object fileKey) {
    return field(fileKey, "ino=", 10);
  }

  static long dev(Object fileKey) {
    return field(fileKey, "dev=", 16);
  }

  private static long field(Object fileKey, String name, int radix) {
    if (fileKey == null) {
      return 0;
    }
    String s = fileKey.toString();
    int i = s.indexOf(name);
    if (i < 0) {
      return fileKey.hashCode() & 0xFFFF_FFFFL;
    }
    int j = i + name.length();
    int k = j;
    while (k < s.length() && Character.digit(s.charAt(k), radix) >= 0) {
      k++;
    }
    try {
      return Long.parseUnsignedLong(s.substring(j, k), radix);
    } catch (NumberFormatException e) {
      return fileKey.hashCode() & 0xFFFF_FFFFL;
    }
  }

  static long nanos(FileTime t) {
    return t == null ? 0 : t.to(TimeUnit.NANOSECONDS);
  }

  /** A filestat: dev, ino, filetype, nlink, size, atim, mtim, ctim. */
  static ByteBuffer filestat(BasicFileAttributes a, long size) {
    ByteBuffer b = GuestMemory.struct(FILESTAT_SIZE);
    b.putLong(dev(a.fileKey())).putLong(ino(a.fileKey())).put((byte) fileType(a)).position(24);
    b.putLong(1)
        .putLong(size)
        .putLong(nanos(a.lastAccessTime()))
        .putLong(nanos(a.lastModifiedTime()))
        .putLong(nanos(a.lastModifiedTime()));
    return b;
  }

  /** The filestat of something with no file behind it (a standard stream). */
  static ByteBuffer streamStat(int type) {
    ByteBuffer b = GuestMemory.struct(FILESTAT_SIZE);
    b.position(16);
    b.put((byte) type).position(24).putLong(1).putLong(0).putLong(0).putLong(0).putLong(0);
    return b;
  }

  /** The filestat of an open file whose name no longer reaches it: what the channel still knows. */
  static ByteBuffer detached(Object fileKey, long size) {
    ByteBuffer b = GuestMemory.struct(FILESTAT_SIZE);
    b.putLong(dev(fileKey)).putLong(ino(fileKey)).put((byte) Descriptor.REGULAR_FILE).position(24);
    b.putLong(1).putLong(size).putLong(0).putLong(0).putLong(0);
    return b;
  }
}
