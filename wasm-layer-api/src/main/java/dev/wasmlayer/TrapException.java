package dev.wasmlayer;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * WebAssembly code trapped. {@link #kind()} says why; a trap raised by a host function has kind {@link TrapKind#HOST}
 * and the host's exception as {@link #getCause()}.
 */
public class TrapException extends WasmException {
  private static final long serialVersionUID = 1L;

  private final TrapKind kind;
  private final transient List<TrapFrame> frames;
  private final String engineCode;

  /** A trap without frames or engine code. */
  public TrapException(TrapKind kind, String message, Throwable cause) {
    this(kind, message, cause, List.of(), null);
  }

  /**
   * A trap with every detail.
   *
   * @param engineCode the engine's own code or message for {@link TrapKind#OTHER}, or {@code null}
   */
  public TrapException(TrapKind kind, String message, Throwable cause, List<TrapFrame> frames, String engineCode) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.frames = List.copyOf(frames);
    this.engineCode = engineCode;
  }

  /** Why the code trapped. */
  public TrapKind kind() {
    return kind;
  }

  /** Wasm frames, innermost first; empty where the engine gives none. */
  public List<TrapFrame> frames() {
    return frames == null ? List.of() : frames;
  }

  /** The engine's own code for the trap, if it gave one. */
  public Optional<String> engineCode() {
    return Optional.ofNullable(engineCode);
  }
}
