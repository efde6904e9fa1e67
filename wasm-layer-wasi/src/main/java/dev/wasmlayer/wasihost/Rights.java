package dev.wasmlayer.wasihost;

/** WASI preview 1 rights bits, and the sets this implementation hands out. */
final class Rights {
  static final long FD_DATASYNC = 1L;
  static final long FD_READ = 1L << 1;
  static final long FD_SEEK = 1L << 2;
  static final long FD_FDSTAT_SET_FLAGS = 1L << 3;
  static final long FD_SYNC = 1L << 4;
  static final long FD_TELL = 1L << 5;
  static final long FD_WRITE = 1L << 6;
  static final long FD_ADVISE = 1L << 7;
  static final long FD_ALLOCATE = 1L << 8;
  static final long FD_READDIR = 1L << 14;
  static final long FD_FILESTAT_GET = 1L << 21;
  static final long FD_FILESTAT_SET_SIZE = 1L << 22;
  static final long FD_FILESTAT_SET_TIMES = 1L << 23;
  static final long POLL_FD_READWRITE = 1L << 27;

  /** Every right a file can have. */
  static final long FILE =
      FD_DATASYNC
          | FD_READ
          | FD_SEEK
          | FD_FDSTAT_SET_FLAGS
          | FD_SYNC
          | FD_TELL
          | FD_WRITE
          | FD_ADVISE
          | FD_ALLOCATE
          | FD_FILESTAT_GET
          | FD_FILESTAT_SET_SIZE
          | FD_FILESTAT_SET_TIMES
          | POLL_FD_READWRITE;

  /** Every right a directory can have (bits 9-26 are the path rights). */
  static final long DIRECTORY =
      FD_FDSTAT_SET_FLAGS
          | FD_SYNC
          | FD_ADVISE
          | FD_READDIR
          | FD_FILESTAT_GET
          | FD_FILESTAT_SET_TIMES
          | (((1L << 27) - 1) & ~((1L << 9) - 1));

  /**
   * The right that opens a file for writing (as on wasmtime: size and allocation rights alone do
   * not).
   */
  static final long WRITES = FD_WRITE;

  /** Standard streams. */
  static final long STREAM =
      FD_READ | FD_WRITE | FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE;

  private Rights() {}
}
