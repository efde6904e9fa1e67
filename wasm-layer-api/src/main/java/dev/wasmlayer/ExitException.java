package dev.wasmlayer;

/** A WASI program called {@code proc_exit}. Never results in {@code System.exit}. */
public class ExitException extends WasmException {
  private static final long serialVersionUID = 1L;

  /** The status the program passed to {@code proc_exit}. */
  private final int exitCode;

  /**
   * An exit with the program's status.
   *
   * @param exitCode the status the program passed to {@code proc_exit}
   */
  public ExitException(int exitCode) {
    super("wasm program exited with code " + exitCode);
    this.exitCode = exitCode;
  }

  /** {@return the status passed to {@code proc_exit}} */
  public int exitCode() {
    return exitCode;
  }
}
