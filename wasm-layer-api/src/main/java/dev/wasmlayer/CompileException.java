package dev.wasmlayer;

import java.util.Objects;

/**
 * The bytes are not a valid WebAssembly module: malformed (cannot be decoded) or invalid (fails
 * validation).
 */
public class CompileException extends WasmException {
  private static final long serialVersionUID = 1L;

  /** Which phase rejected the module. */
  public enum Reason {
    /** The binary cannot be decoded. */
    MALFORMED,
    /** The module decodes but does not validate. */
    INVALID
  }

  /** Which phase rejected the module. */
  private final Reason reason;

  /**
   * An exception for the given phase.
   *
   * @param reason why the module was refused
   * @param message what went wrong, for people
   * @param cause the underlying failure, or {@code null}
   */
  public CompileException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** {@return whether the module was malformed or invalid} */
  public Reason reason() {
    return reason;
  }
}
