package dev.wasmlayer;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * WebAssembly code trapped. {@link #kind()} says why; a trap raised by a host function has kind
 * {@link TrapKind#HOST} and the host's exception as {@link #getCause()}.
 */
public class TrapException extends WasmException {
  private static final long serialVersionUID = 1L;

  /** Why the code trapped. */
  private final TrapKind kind;

  private final transient List<TrapFrame> frames;

  /** The engine's own code for the trap, or {@code null}. */
  private final String engineCode;

  /**
   * A trap without frames or engine code.
   *
   * @param kind the kind of trap
   * @param message what went wrong, for people
   * @param cause the underlying failure, or {@code null}
   */
  public TrapException(TrapKind kind, String message, Throwable cause) {
    this(kind, message, cause, List.of(), null);
  }

  /**
   * A trap with every detail.
   *
   * @param engineCode the engine's own code or message for {@link TrapKind#OTHER}, or {@code null}
   * @param kind the kind of trap
   * @param message what went wrong, for people
   * @param cause the underlying failure, or {@code null}
   * @param frames the wasm frames at the trap, innermost first
   */
  public TrapException(
      TrapKind kind, String message, Throwable cause, List<TrapFrame> frames, String engineCode) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.frames = List.copyOf(frames);
    this.engineCode = engineCode;
  }

  /** {@return why the code trapped} */
  public TrapKind kind() {
    return kind;
  }

  /** {@return Wasm frames, innermost first; empty where the engine gives none} */
  public List<TrapFrame> frames() {
    return frames == null ? List.of() : frames;
  }

  /** {@return the engine's own code for the trap, if it gave one} */
  public Optional<String> engineCode() {
    return Optional.ofNullable(engineCode);
  }
}
