package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.UnlinkableException;
import dev.wasmlayer.CompileException;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.WasmException;
import java.util.List;
import java.util.Locale;

/**
 * The one place Chicory's exceptions become wasm-layer's. Chicory has no trap codes, so traps are classified by
 * exception type and message; a Chicory upgrade that rewords a message shows up as TCK failures here.
 */
final class ChicoryErrors {
  private ChicoryErrors() {}

  /** Message fragments, checked in order, and the kind each means. */
  private static final List<Object[]> TRAP_MESSAGES = List.of(
      new Object[] {"unreachable", TrapKind.UNREACHABLE},
      new Object[] {"integer divide by zero", TrapKind.INTEGER_DIVIDE_BY_ZERO},
      new Object[] {"integer overflow", TrapKind.INTEGER_OVERFLOW},
      new Object[] {"invalid conversion to integer", TrapKind.BAD_CONVERSION_TO_INTEGER},
      new Object[] {"out of bounds memory access", TrapKind.MEMORY_OUT_OF_BOUNDS},
      new Object[] {"out of bounds table access", TrapKind.TABLE_OUT_OF_BOUNDS},
      new Object[] {"undefined element", TrapKind.TABLE_OUT_OF_BOUNDS},
      new Object[] {"uninitialized element", TrapKind.INDIRECT_CALL_TO_NULL},
      new Object[] {"indirect call type mismatch", TrapKind.INDIRECT_CALL_TYPE_MISMATCH},
      new Object[] {"call stack exhausted", TrapKind.STACK_OVERFLOW},
      new Object[] {"out of bounds array access", TrapKind.ARRAY_OUT_OF_BOUNDS},
      new Object[] {"cast failure", TrapKind.CAST_FAILURE});

  private static final java.util.regex.Pattern NULL_REFERENCE =
      java.util.regex.Pattern.compile("\\bnull( \\w+)? reference");

  /** A failure to decode or validate. */
  static WasmException compile(RuntimeException e) {
    if (e instanceof MalformedException) {
      return new CompileException(CompileException.Reason.MALFORMED, "malformed module: " + e.getMessage(), e);
    }
    if (e instanceof InvalidException) {
      return new CompileException(CompileException.Reason.INVALID, "invalid module: " + e.getMessage(), e);
    }
    if (e instanceof WasmException) {
      return (WasmException) e;
    }
    // Chicory's parser reports some malformations with other runtime exceptions (e.g. a truncated stream).
    return new CompileException(CompileException.Reason.MALFORMED, "malformed module: " + describe(e), e);
  }

  /** A failure while instantiating: link errors, start-section traps, and invalid modules caught late. */
  static WasmException instantiate(Throwable e) {
    HostFailure host = HostFailure.find(e);
    if (host != null) {
      return host.toTrap();
    }
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof com.dylibso.chicory.wasi.WasiExitException) { // proc_exit from a start section
        return new dev.wasmlayer.ExitException(((com.dylibso.chicory.wasi.WasiExitException) t).exitCode());
      }
    }
    if (e instanceof UnlinkableException) {
      return new LinkException("cannot link: " + e.getMessage(), e);
    }
    if (e instanceof UninstantiableException) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return trap(cause);
    }
    if (e instanceof InvalidException || e instanceof MalformedException) {
      return compile((RuntimeException) e);
    }
    if (e instanceof WasmException) {
      return (WasmException) e;
    }
    return trap(e);
  }

  /** A failure while running wasm code. */
  static WasmException trap(Throwable e) {
    HostFailure host = HostFailure.find(e);
    if (host != null) {
      return host.toTrap();
    }
    if (e instanceof WasmException) {
      return (WasmException) e;
    }
    if (e instanceof StackOverflowError) {
      return new TrapException(TrapKind.STACK_OVERFLOW, "call stack exhausted", e);
    }
    if (e instanceof com.dylibso.chicory.wasi.WasiExitException) {
      return new dev.wasmlayer.ExitException(((com.dylibso.chicory.wasi.WasiExitException) e).exitCode());
    }
    if (e instanceof ChicoryInterruptedException) {
      return new TrapException(TrapKind.INTERRUPTED, "interrupted: " + e.getMessage(), e);
    }
    if (e instanceof com.dylibso.chicory.runtime.WasmException) {
      return new TrapException(TrapKind.UNCAUGHT_EXCEPTION, "uncaught wasm exception", e);
    }
    String message = String.valueOf(e.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    for (Object[] row : TRAP_MESSAGES) {
      if (lower.contains((String) row[0])) {
        return new TrapException((TrapKind) row[1], message, e);
      }
    }
    if (NULL_REFERENCE.matcher(lower).find()) { // "null function reference", "null i31 reference", ...
      return new TrapException(TrapKind.NULL_REFERENCE, message, e);
    }
    if (e instanceof ChicoryException || e instanceof RuntimeException) {
      return new TrapException(TrapKind.OTHER, describe(e), e, List.of(), message);
    }
    if (e instanceof Error) {
      throw (Error) e;
    }
    return new TrapException(TrapKind.OTHER, describe(e), e, List.of(), message);
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
