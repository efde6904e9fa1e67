package dev.wasmlayer.wasihost;

/**
 * One preopened directory: the guest's name for it, whether it may change, and the open handle
 * every walk starts from.
 */
record Root(String guestName, boolean readOnly, DirHandle handle) {
  /** Throws unless things under this root may be changed. */
  void checkWritable() throws WasiError {
    if (readOnly) {
      throw new WasiError(Errno.PERM, "read-only preopened directory " + guestName);
    }
  }
}
