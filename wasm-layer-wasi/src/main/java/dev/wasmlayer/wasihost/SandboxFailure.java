package dev.wasmlayer.wasihost;

/**
 * A sandboxed file system operation's failure, as the WASI preview 1 error number preview 1 would
 * answer: other WASI versions map the number to their own codes, so every version keeps the same
 * rules. Cheap: no stack trace.
 */
public final class SandboxFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** The preview 1 error number. */
  private final int errno;

  SandboxFailure(int errno, String why) {
    super(why, null, false, false);
    this.errno = errno;
  }

  /**
   * {@return a failure with preview 1's error number {@code errno}, for checks a caller makes
   * itself (a file where a directory is needed)}
   *
   * @param errno the preview 1 error number
   * @param why what went wrong
   */
  public static SandboxFailure withErrno(int errno, String why) {
    return new SandboxFailure(errno, why);
  }

  /** {@return the WASI preview 1 error number, such as 63 (perm) or 44 (noent)} */
  public int errno() {
    return errno;
  }

  /** Any failure inside a sandbox operation as the number preview 1 answers for it. */
  static SandboxFailure of(Exception e) {
    if (e instanceof SandboxFailure f) {
      return f;
    }
    if (e instanceof WasiError w) {
      return new SandboxFailure(w.errno, w.getMessage());
    }
    if (e instanceof java.io.IOException io) {
      return new SandboxFailure(IoErrors.errno(io), io.getMessage());
    }
    if (e instanceof RuntimeException r) {
      return new SandboxFailure(IoErrors.errno(r), r.toString());
    }
    return new SandboxFailure(Errno.IO, e.toString());
  }
}
