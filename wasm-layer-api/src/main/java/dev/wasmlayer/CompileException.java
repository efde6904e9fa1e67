package dev.wasmlayer;

/** The bytes are not a valid WebAssembly module: malformed (cannot be decoded) or invalid (fails validation). */
public class CompileException extends WasmException {
  private static final long serialVersionUID = 1L;

  /** Which phase rejected the module. */
  public enum Reason {
    /** The binary cannot be decoded. */
    MALFORMED,
    /** The module decodes but does not validate. */
    INVALID
  }

  private final Reason reason;

  /** An exception for the given phase. */
  public CompileException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = java.util.Objects.requireNonNull(reason, "reason");
  }

  /** Whether the module was malformed or invalid. */
  public Reason reason() {
    return reason;
  }
}
