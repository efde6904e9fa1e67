package dev.wasmlayer;

import java.util.List;
import java.util.Objects;

/**
 * A WebAssembly exception crossing the host boundary: thrown by wasm and not caught there, it
 * reaches the caller as this (a {@link TrapException} of kind {@link TrapKind#UNCAUGHT_EXCEPTION},
 * so code that handles traps keeps working); thrown by a host function, it enters wasm as that
 * exception, where a {@code try_table} can catch it.
 *
 * <pre>{@code
 * Tag oops = instance.tag("oops").orElseThrow();
 * try {
 *   run.call();
 * } catch (ThrownException e) {
 *   if (e.tag().equals(oops)) { int code = e.payload().get(0).i32(); ... }
 * }
 * // in a host function: throw new ThrownException(caller.store().newException(oops, Value.i32(7)));
 * }</pre>
 *
 * <p>Engines without {@link Feature#EXCEPTIONS} at the host boundary report an uncaught exception
 * as a plain {@link TrapException} of the same kind, with no exception to read.
 */
public class ThrownException extends TrapException {
  private static final long serialVersionUID = 1L;

  private final transient ExnRef exception;

  /**
   * A wasm exception, to throw from a host function or as thrown by wasm.
   *
   * @param exception the exception (see {@link Store#newException})
   */
  public ThrownException(ExnRef exception) {
    super(TrapKind.UNCAUGHT_EXCEPTION, "uncaught wasm exception (see tag() and payload())", null);
    this.exception = Objects.requireNonNull(exception, "exception");
  }

  /** {@return the exception} */
  public ExnRef exception() {
    return exception;
  }

  /** {@return the exception's tag} */
  public Tag tag() {
    return exception.tag();
  }

  /** {@return the values thrown with it} */
  public List<Value> payload() {
    return exception.payload();
  }
}
