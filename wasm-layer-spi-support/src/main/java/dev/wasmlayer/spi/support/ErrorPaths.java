package dev.wasmlayer.spi.support;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.ExitException;
import dev.wasmlayer.Feature;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.WasmException;

/**
 * Loads and initializes the API's exception classes before they are needed. An error path may first
 * run at the bottom of an exhausted stack (a {@link StackOverflowError} caught deep in wasm); a
 * class whose loading or static initialization fails there stays unusable for the life of the JVM
 * ({@link NoClassDefFoundError} on every later use). Engines call {@link #warm()} when they are
 * created, on a shallow stack.
 */
public final class ErrorPaths {
  /** How much of a cause's text a wrapping message repeats. */
  private static final int MAX_CAUSE_TEXT = 300;

  private ErrorPaths() {}

  static {
    // Constructing one of each loads, links and initializes the class and everything its
    // constructor touches.
    Throwable cause = new RuntimeException("warm-up");
    TrapKind[] kinds = TrapKind.values();
    for (TrapKind kind : kinds) {
      new TrapException(kind, kind.name(), cause);
    }
    CompileException.Reason.values();
    new CompileException(CompileException.Reason.MALFORMED, "warm-up", cause);
    new LimitException("warm-up", cause);
    new LinkException("warm-up", cause);
    new ExitException(0);
    new UnsupportedFeatureException(Feature.values()[0], "warm-up", "warm-up");
    new WasmException("warm-up", cause);
  }

  /**
   * {@return {@code cause} as its {@code toString()} says, cut to a few hundred characters, for the
   * message of an exception wrapping it} Host functions re-entering wasm thousands of levels deep
   * wrap a trap at every level: repeating each inner message in full made building them quadratic
   * in the depth (tens of seconds at 10,000 levels).
   *
   * @param cause the failure to describe
   */
  public static String describe(Throwable cause) {
    String s = String.valueOf(cause);
    return s.length() <= MAX_CAUSE_TEXT ? s : s.substring(0, MAX_CAUSE_TEXT).concat("...");
  }

  /**
   * Makes sure the static initializer above has run (idempotent and cheap after the first call).
   */
  public static void warm() {
    // the work is in the static initializer: the JVM runs it exactly once
  }
}
