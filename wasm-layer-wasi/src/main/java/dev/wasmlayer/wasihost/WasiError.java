package dev.wasmlayer.wasihost;

/** A WASI call's failure as the error number the guest gets back. Cheap: no stack trace. */
final class WasiError extends Exception {
  private static final long serialVersionUID = 1L;

  final int errno;

  WasiError(int errno, String why) {
    super(why, null, false, false);
    this.errno = errno;
  }

  WasiError(int errno) {
    this(errno, null);
  }
}
