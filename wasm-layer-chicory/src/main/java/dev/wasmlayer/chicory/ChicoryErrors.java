package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.UnlinkableException;
import dev.wasmlayer.CompileException;
import dev.wasmlayer.ExitException;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.spi.support.ErrorPaths;
import dev.wasmlayer.spi.support.HostFailure;
import java.util.List;
import java.util.Locale;

/**
 * The one place Chicory's exceptions become wasm-layer's. Chicory has no trap codes, so traps are
 * classified by exception type and message; a Chicory upgrade that rewords a message shows up as
 * TCK failures here.
 *
 * <p>This runs where a stack overflow was caught, possibly a few frames above the bottom of the
 * stack. So it has no static state to initialize on first use, no regular expressions, lambdas or
 * {@code +} string concatenation (each links a call site or loads classes the first time it runs),
 * and {@link #warm()}, called when an engine is created, loads and runs it all once on a shallow
 * stack. A class that failed to initialize there would stay broken for the life of the JVM.
 */
final class ChicoryErrors {
  private ChicoryErrors() {}

  /** Loads and initializes everything the error paths use, by running each of them once. */
  static void warm() {
    ErrorPaths.warm();
    RuntimeException cause = new RuntimeException("warm-up");
    trap(new StackOverflowError());
    trap(new ChicoryException("unreachable"));
    trap(new ChicoryException("null function reference"));
    trap(new ChicoryException("warm-up"));
    trap(new ChicoryInterruptedException("warm-up"));
    trap(new HostFailure("warm-up", cause));
    trap(new HostFailure("warm-up", new ExitException(0)));
    compile(new MalformedException("warm-up"));
    compile(new InvalidException("warm-up"));
    compile(cause);
    instantiate(new UnlinkableException("warm-up"));
    instantiate(new UninstantiableException("warm-up", new ChicoryException("unreachable")));
  }

  /** A failure to decode or validate. */
  static WasmException compile(RuntimeException e) {
    if (e instanceof MalformedException) {
      return new CompileException(
          CompileException.Reason.MALFORMED, "malformed module: ".concat(message(e)), e);
    }
    if (e instanceof InvalidException) {
      return new CompileException(
          CompileException.Reason.INVALID, "invalid module: ".concat(message(e)), e);
    }
    if (e instanceof WasmException w) {
      return w;
    }
    // Chicory's parser reports some malformations with other runtime exceptions (e.g. a truncated
    // stream).
    return new CompileException(
        CompileException.Reason.MALFORMED, "malformed module: ".concat(describe(e)), e);
  }

  /**
   * A failure while instantiating: link errors, start-section traps, and invalid modules caught
   * late.
   */
  static WasmException instantiate(Throwable e) {
    HostFailure host = HostFailure.find(e);
    if (host != null) {
      return host.toTrap();
    }
    if (e instanceof UnlinkableException) {
      return new LinkException("cannot link: ".concat(message(e)), e);
    }
    if (e instanceof UninstantiableException) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return trap(cause);
    }
    if (e instanceof InvalidException || e instanceof MalformedException) {
      return compile((RuntimeException) e);
    }
    if (e instanceof WasmException w) {
      return w;
    }
    return trap(e);
  }

  /** A failure while running wasm code. */
  static WasmException trap(Throwable e) {
    HostFailure host = HostFailure.find(e);
    if (host != null) {
      return host.toTrap();
    }
    if (e instanceof WasmException w) {
      return w;
    }
    if (e instanceof StackOverflowError) {
      return new TrapException(TrapKind.STACK_OVERFLOW, "call stack exhausted", e);
    }
    if (e instanceof ChicoryInterruptedException) {
      return new TrapException(TrapKind.INTERRUPTED, "interrupted: ".concat(message(e)), e);
    }
    if (e instanceof com.dylibso.chicory.runtime.WasmException) {
      return new TrapException(TrapKind.UNCAUGHT_EXCEPTION, "uncaught wasm exception", e);
    }
    String message = message(e);
    TrapKind kind = kindOf(message.toLowerCase(Locale.ROOT));
    if (kind != null) {
      return new TrapException(kind, message, e);
    }
    if (e instanceof ChicoryException || e instanceof RuntimeException) {
      return new TrapException(TrapKind.OTHER, describe(e), e, List.of(), message);
    }
    if (e instanceof Error error) {
      throw error;
    }
    return new TrapException(TrapKind.OTHER, describe(e), e, List.of(), message);
  }

  /** The kind a Chicory trap message (lower case) means, checked in this order, or null. */
  private static TrapKind kindOf(String m) {
    if (m.contains("unreachable")) {
      return TrapKind.UNREACHABLE;
    } else if (m.contains("integer divide by zero")) {
      return TrapKind.INTEGER_DIVIDE_BY_ZERO;
    } else if (m.contains("integer overflow")) {
      return TrapKind.INTEGER_OVERFLOW;
    } else if (m.contains("invalid conversion to integer")) {
      return TrapKind.BAD_CONVERSION_TO_INTEGER;
    } else if (m.contains("out of bounds memory access")) {
      return TrapKind.MEMORY_OUT_OF_BOUNDS;
    } else if (m.contains("out of bounds table access") || m.contains("undefined element")) {
      return TrapKind.TABLE_OUT_OF_BOUNDS;
    } else if (m.contains("uninitialized element")) {
      return TrapKind.INDIRECT_CALL_TO_NULL;
    } else if (m.contains("indirect call type mismatch")) {
      return TrapKind.INDIRECT_CALL_TYPE_MISMATCH;
    } else if (m.contains("call stack exhausted")) {
      return TrapKind.STACK_OVERFLOW;
    } else if (m.contains("out of bounds array access")) {
      return TrapKind.ARRAY_OUT_OF_BOUNDS;
    } else if (m.contains("cast failure")) {
      return TrapKind.CAST_FAILURE;
    } else if (nullReference(m)) { // "null function reference", "null i31 reference", ...
      return TrapKind.NULL_REFERENCE;
    }
    return null;
  }

  /** Whether {@code m} says "null reference" or "null WORD reference", "null" starting a word. */
  private static boolean nullReference(String m) {
    for (int i = m.indexOf("null"); i >= 0; i = m.indexOf("null", i + 1)) {
      if (i > 0 && wordChar(m.charAt(i - 1))) {
        continue;
      }
      int after = i + 4;
      if (m.startsWith(" reference", after)) {
        return true;
      }
      int word = after + 1;
      int end = word;
      while (end < m.length() && wordChar(m.charAt(end))) {
        end++;
      }
      if (after < m.length()
          && m.charAt(after) == ' '
          && end > word
          && m.startsWith(" reference", end)) {
        return true;
      }
    }
    return false;
  }

  private static boolean wordChar(char c) {
    return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  private static String message(Throwable e) {
    return String.valueOf(e.getMessage());
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName().concat(": ").concat(message(e));
  }
}
