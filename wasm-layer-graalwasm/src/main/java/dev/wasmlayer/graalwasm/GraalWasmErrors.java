package dev.wasmlayer.graalwasm;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.ExitException;
import dev.wasmlayer.Feature;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.spi.support.ErrorPaths;
import dev.wasmlayer.spi.support.HostFailure;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;

/**
 * The one place GraalWasm's exceptions become wasm-layer's. GraalWasm has no trap codes, so traps
 * are classified by message; a GraalWasm upgrade that rewords one shows up as TCK and spec-suite
 * failures here.
 */
final class GraalWasmErrors {
  private GraalWasmErrors() {}

  /**
   * Initializes this class (its tables below) and the API's exception classes on a shallow stack,
   * when an engine is created: a class first initialized where a stack overflow was caught could
   * fail there and stay broken for the life of the JVM.
   */
  static void warm() {
    ErrorPaths.warm();
  }

  /** Message fragments (lower case), checked in order, and the trap kind each means. */
  private static final List<Object[]> TRAP_MESSAGES =
      List.of(
          new Object[] {"unreachable", TrapKind.UNREACHABLE},
          new Object[] {"integer divide by zero", TrapKind.INTEGER_DIVIDE_BY_ZERO},
          new Object[] {"integer overflow", TrapKind.INTEGER_OVERFLOW},
          new Object[] {"invalid conversion to integer", TrapKind.BAD_CONVERSION_TO_INTEGER},
          new Object[] {"memory access", TrapKind.MEMORY_OUT_OF_BOUNDS},
          new Object[] {"out of bounds memory", TrapKind.MEMORY_OUT_OF_BOUNDS},
          new Object[] {"out-of-bounds memory", TrapKind.MEMORY_OUT_OF_BOUNDS},
          new Object[] {"table index out of bounds", TrapKind.TABLE_OUT_OF_BOUNDS},
          new Object[] {"out of bounds table", TrapKind.TABLE_OUT_OF_BOUNDS},
          new Object[] {"out of table bounds", TrapKind.TABLE_OUT_OF_BOUNDS},
          new Object[] {"undefined element", TrapKind.TABLE_OUT_OF_BOUNDS},
          new Object[] {"uninitialized element", TrapKind.INDIRECT_CALL_TO_NULL},
          new Object[] {"is uninitialized", TrapKind.INDIRECT_CALL_TO_NULL},
          new Object[] {"indirect call type mismatch", TrapKind.INDIRECT_CALL_TYPE_MISMATCH},
          new Object[] {"types differ in the indirect call", TrapKind.INDIRECT_CALL_TYPE_MISMATCH},
          new Object[] {"call stack exhausted", TrapKind.STACK_OVERFLOW},
          // the polyglot layer's own overflow ("Resource exhausted: Stack overflow"), e.g. a call
          // made at the stack's end
          new Object[] {"stack overflow", TrapKind.STACK_OVERFLOW});

  /** GraalWasm's decoder names an opcode it does not know; some belong to proposals it lacks. */
  private static final Pattern UNKNOWN_OPCODE = Pattern.compile("unknown opcode: 0x([0-9a-f]+)");

  /**
   * How GraalWasm 25's rejection messages map to the spec's two kinds, checked in this order:
   * validation messages that would otherwise look like decoding ones, decoding messages, then
   * validation. Taken from what it says about the spec suite's malformed and invalid modules.
   */
  private static final List<String> INVALID_SPECIFIC =
      List.of(
          "all export names must be different",
          "memory size must be at most",
          "start function cannot",
          "function type variable",
          "illegal opcode for constant expression",
          "invalid instruction for constant expression",
          "size minimum must not be greater");

  private static final List<String> MALFORMED =
      List.of(
          "truncated",
          "magic",
          "version",
          "malformed",
          "section",
          "leb",
          "integer representation",
          "too long",
          "too large",
          "end of",
          "utf-8",
          "utf8",
          "unexpected end",
          "length",
          "zero byte expected",
          "zero flag expected",
          "illegal opcode",
          "unknown opcode",
          "data count",
          "function and code section",
          "end opcode expected",
          "unexpected reference type",
          "invalid import type identifier",
          "invalid limits prefix",
          "invalid mutability flag");
  private static final List<String> INVALID =
      List.of(
          "type mismatch",
          "expected type",
          "unknown",
          "invalid",
          "alignment",
          "duplicate export",
          "immutable",
          "constant expression",
          "undeclared function reference",
          "out of bounds",
          "must not be larger",
          "must be less",
          "stack",
          "expected",
          "not declared",
          "index");

  /** A module GraalWasm would not decode or validate. */
  static WasmException compile(PolyglotException e) {
    String message = String.valueOf(e.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    Feature missing = missingFeature(lower);
    if (missing != null) {
      return new UnsupportedFeatureException(missing, GraalWasmEngineProvider.ID, message);
    }
    if (!e.isSyntaxError() && !e.isGuestException()) {
      return new WasmException("GraalWasm failed to compile the module: " + message, e);
    }
    for (String i : INVALID_SPECIFIC) {
      if (lower.contains(i)) {
        return new CompileException(
            CompileException.Reason.INVALID, "invalid module: " + message, e);
      }
    }
    for (String m : MALFORMED) {
      if (lower.contains(m)) {
        return new CompileException(
            CompileException.Reason.MALFORMED, "malformed module: " + message, e);
      }
    }
    for (String i : INVALID) {
      if (lower.contains(i)) {
        return new CompileException(
            CompileException.Reason.INVALID, "invalid module: " + message, e);
      }
    }
    return new CompileException(
        CompileException.Reason.MALFORMED, "malformed module: " + message, e);
  }

  /** The proposal an "unknown opcode" belongs to, when GraalWasm 25 lacks it; null otherwise. */
  private static Feature missingFeature(String lower) {
    if (lower.contains("only function types are supported")) {
      return Feature.GC;
    }
    Matcher m = UNKNOWN_OPCODE.matcher(lower);
    if (!m.find()) {
      return null;
    }
    return switch (Integer.parseInt(m.group(1), 16)) {
      case 0x12, 0x13, 0x15 -> Feature.TAIL_CALLS;
      case 0x06, 0x07, 0x08, 0x09, 0x0A, 0x18, 0x19, 0x1F -> Feature.EXCEPTIONS;
      case 0x14, 0xD3, 0xD4, 0xD5, 0xD6 -> Feature.FUNCTION_REFERENCES;
      case 0xFB -> Feature.GC;
      default -> null;
    };
  }

  /** A failure while instantiating: link errors GraalWasm found, start-section traps. */
  static WasmException instantiate(RuntimeException e) {
    if (e instanceof PolyglotException p) {
      String lower = String.valueOf(p.getMessage()).toLowerCase(Locale.ROOT);
      if (p.isGuestException() && !p.isInterrupted() && !p.isCancelled() && isLinkError(lower)) {
        return new LinkException("cannot link: " + p.getMessage(), p);
      }
      if (outOfMemory(p)) {
        return new LimitException(
            "GraalWasm cannot allocate the module's memories or tables: " + p.getMessage());
      }
    }
    return trap(e);
  }

  /**
   * GraalWasm could not allocate a memory or table: they live in the Java heap, and it is full.
   * (Resource exhaustion alone would also take in a deep recursion in a start function, which is a
   * trap.)
   */
  static boolean outOfMemory(PolyglotException p) {
    String lower = String.valueOf(p.getMessage()).toLowerCase(Locale.ROOT);
    return lower.contains("could not allocate")
        || p.isResourceExhausted()
            && (lower.contains("heap") || lower.contains("memory"))
            && !lower.contains("stack");
  }

  /**
   * A host-side allocation's failure: {@link dev.wasmlayer.LimitException} when the heap is full,
   * else {@code e}.
   */
  static RuntimeException allocation(RuntimeException e, String what) {
    if (e instanceof PolyglotException p && outOfMemory(p)) {
      return new LimitException("GraalWasm cannot allocate " + what + ": " + p.getMessage());
    }
    return e;
  }

  private static boolean isLinkError(String lower) {
    return lower.contains("import")
        || lower.contains("does not exist")
        || lower.contains("incompatible")
        || lower.contains("not found")
        || lower.contains("limits");
  }

  /** A failure while running wasm code (or a host function it called). */
  static WasmException trap(RuntimeException e) {
    if (e instanceof WasmException w) {
      return w;
    }
    if (!(e instanceof PolyglotException p)) {
      return new WasmException("GraalWasm failed: " + e, e);
    }
    if (p.isHostException()) {
      Throwable host = p.asHostException();
      if (host instanceof HostFailure failure) {
        return failure.toTrap();
      }
      if (host instanceof StopOnReturn stop) {
        return stop.toTrap();
      }
      return new TrapException(
          TrapKind.HOST, "host code threw: " + ErrorPaths.describe(host), host);
    }
    if (p.isInterrupted() || p.isCancelled()) {
      return new TrapException(TrapKind.INTERRUPTED, "interrupted: " + p.getMessage(), p);
    }
    if (p.isExit()) {
      return new ExitException(p.getExitStatus());
    }
    String message = String.valueOf(p.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    for (Object[] row : TRAP_MESSAGES) {
      if (lower.contains((String) row[0])) {
        return new TrapException((TrapKind) row[1], message, p);
      }
    }
    if (p.isResourceExhausted() || p.isInternalError()) {
      return new WasmException("GraalWasm failed: " + message, p);
    }
    return new TrapException(TrapKind.OTHER, message, p, List.of(), message);
  }
}
