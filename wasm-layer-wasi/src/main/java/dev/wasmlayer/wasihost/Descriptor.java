package dev.wasmlayer.wasihost;

import java.io.Closeable;

/** What a WASI file descriptor refers to; rights may only shrink ({@code fd_fdstat_set_rights}). */
abstract sealed class Descriptor implements Closeable
    permits StreamIn, StreamOut, OpenDir, OpenFile {
  static final int UNKNOWN = 0;
  static final int CHARACTER_DEVICE = 2;
  static final int DIRECTORY = 3;
  static final int REGULAR_FILE = 4;
  static final int SYMBOLIC_LINK = 7;

  long rightsBase;
  long rightsInheriting;

  Descriptor(long rightsBase, long rightsInheriting) {
    this.rightsBase = rightsBase;
    this.rightsInheriting = rightsInheriting;
  }

  /** The WASI file type. */
  abstract int fileType();

  /** The WASI fd flags (append and so on). */
  int fdFlags() {
    return 0;
  }
}
