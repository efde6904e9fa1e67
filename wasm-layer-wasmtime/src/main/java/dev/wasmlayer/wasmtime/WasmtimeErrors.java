package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.wasmlayer.CompileException;
import dev.wasmlayer.ExitException;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.ThrownException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapFrame;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.spi.support.ErrorPaths;
import dev.wasmlayer.spi.support.HostFailure;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place wasmtime's errors and traps become wasm-layer exceptions. A call can fail four
 * ways: a trap (with a code), an error (a host function's trap, a WASI exit, or a misuse), a wasm
 * exception nothing caught (pending in the store, taken here), or a Java exception a host function
 * threw, which the store holds and which wins over all.
 */
final class WasmtimeErrors {
  private WasmtimeErrors() {}

  /**
   * Initializes this class (its tables below) and the API's exception classes on a shallow stack,
   * when an engine is created: a class first initialized where a stack overflow was caught could
   * fail there and stay broken for the life of the JVM.
   */
  static void warm() {
    ErrorPaths.warm();
    // an uncaught wasm exception is handled at the same boundary
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    for (Class<?> c :
        List.of(ThrownException.class, WasmtimeExnRef.class, WasmtimeTag.class, GcRoot.class)) {
      try {
        lookup.ensureInitialized(c);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** wasmtime's trap codes, by number. */
  private static final TrapKind[] CODES = {
    TrapKind.STACK_OVERFLOW,
    TrapKind.MEMORY_OUT_OF_BOUNDS,
    TrapKind.OTHER,
    TrapKind.TABLE_OUT_OF_BOUNDS,
    TrapKind.INDIRECT_CALL_TO_NULL,
    TrapKind.INDIRECT_CALL_TYPE_MISMATCH,
    TrapKind.INTEGER_OVERFLOW,
    TrapKind.INTEGER_DIVIDE_BY_ZERO,
    TrapKind.BAD_CONVERSION_TO_INTEGER,
    TrapKind.UNREACHABLE,
    TrapKind.INTERRUPTED,
    TrapKind.OUT_OF_FUEL,
    TrapKind.OTHER,
    TrapKind.NULL_REFERENCE,
    TrapKind.ARRAY_OUT_OF_BOUNDS,
    TrapKind.OTHER,
    TrapKind.CAST_FAILURE
  };

  private static final int UNCAUGHT_EXCEPTION = 49;

  /**
   * Fragments of wasmparser's messages that mean the binary could not be decoded; every other
   * compile error is a validation failure. Taken from what wasmtime 49 says about the spec suite's
   * malformed and invalid modules.
   */
  private static final String[] MALFORMED = {
    "magic header",
    "expected section, got wasm magic",
    "unknown binary version",
    "unexpected end",
    "integer representation too long",
    "integer too large",
    "malformed",
    "section out of order",
    "section size mismatch",
    "too many locals",
    "illegal opcode",
    "invalid leading byte",
    "invalid memory limits flags",
    "invalid table resizable limits flags",
    "control frames remain",
    "data count and data section have inconsistent lengths",
    "data count is non-zero but data section is absent",
    "data count section required",
    "function and code section have inconsistent lengths",
    "function section has non-zero count but code section is absent",
    "function section is absent but code section has non-zero count",
    "zero byte expected",
    "unexpected content after last section",
    "invalid utf-8"
  };

  static WasmException compile(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    for (String m : MALFORMED) {
      if (lower.contains(m)) {
        return new CompileException(
            CompileException.Reason.MALFORMED, "malformed module: " + message, null);
      }
    }
    return new CompileException(
        CompileException.Reason.INVALID, "invalid module: " + message, null);
  }

  /**
   * The exception for a failed call or instantiation: {@code error} and {@code trap} are owned
   * pointers (either may be null; both are deleted here). An argument wasmtime finds of the wrong
   * concrete type (which the layer cannot tell from a type index) is an {@link
   * IllegalArgumentException}, as every other argument of the wrong type is.
   */
  static RuntimeException of(
      WasmtimeStore<?> store, Pointer error, Pointer trap, boolean instantiating) {
    Throwable host = store.takeHostFailure();
    // taken whatever else happened, so no exception lingers in the store for a later call
    WasmtimeExnRef thrown = store.takeException();
    try {
      if (thrown != null) {
        if (host == null) {
          return new ThrownException(thrown);
        }
        thrown.root().run(); // the host's failure wins; nobody will read this exception
      }
      if (trap != null) {
        return host != null ? hostTrap(host) : trap(trap);
      }
      int[] status = new int[1];
      if (Wasmtime.wasmtime_error_exit_status(error, status) != 0) {
        return new ExitException(status[0]);
      }
      String message = Natives.errorMessage(error);
      if (host != null) {
        return hostTrap(host);
      }
      if (instantiating && store.hasMemoryCap() && message.contains("exceeds memory limits")) {
        return new LimitException(
            "a memory of the module exceeds the store's memory cap of "
                + store.config().maxMemoryBytes().getAsLong()
                + " bytes ("
                + message
                + ")");
      }
      if (instantiating && isLinkError(message)) {
        // wasmtime names imports `module::name`; the layer says module.name everywhere
        return new LinkException(
            "cannot link: " + message.replaceAll("`([^`]*)::([^`]*)`", "$1.$2"));
      }
      if (!instantiating && message.contains("argument type mismatch")) {
        return new IllegalArgumentException(message);
      }
      return new TrapException(kindFromText(message), message, null, List.of(), message);
    } finally {
      if (trap != null) {
        Wasmtime.wasm_trap_delete(trap);
      }
      if (error != null) {
        Wasmtime.wasmtime_error_delete(error);
      }
    }
  }

  /**
   * Whether wasmtime failed for want of address space (or memory) to reserve a linear memory or a
   * stack.
   */
  static boolean outOfAddressSpace(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("cannot allocate memory")
        || m.contains("failed to reserve")
        || m.contains("mmap failed")
        || m.contains("out of memory");
  }

  private static boolean isLinkError(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    return lower.contains("incompatible import")
        || lower.contains("unknown import")
        || lower.contains("import")
            && (lower.contains("type") || lower.contains("limit") || lower.contains("expected"));
  }

  /**
   * An error's text names the trap ("wasm trap: out of bounds memory access") when no code came
   * with it.
   */
  private static TrapKind kindFromText(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    if (message.contains(WasmtimeStore.INTERRUPTED)) {
      return TrapKind.INTERRUPTED;
    } else if (m.contains("out of bounds memory access")) {
      return TrapKind.MEMORY_OUT_OF_BOUNDS;
    } else if (m.contains("out of bounds table access") || m.contains("table out of bounds")) {
      return TrapKind.TABLE_OUT_OF_BOUNDS;
    } else if (m.contains("unreachable")) {
      return TrapKind.UNREACHABLE;
    } else if (m.contains("uncaught exception") || m.contains("exception")) {
      return TrapKind.UNCAUGHT_EXCEPTION;
    } else if (m.contains("all fuel consumed")) {
      return TrapKind.OUT_OF_FUEL;
    } else if (m.contains("call stack exhausted")) {
      return TrapKind.STACK_OVERFLOW;
    } else if (m.contains("integer divide by zero")) {
      return TrapKind.INTEGER_DIVIDE_BY_ZERO;
    } else if (m.contains("integer overflow")) {
      return TrapKind.INTEGER_OVERFLOW;
    } else if (m.contains("invalid conversion to integer")) {
      return TrapKind.BAD_CONVERSION_TO_INTEGER;
    } else if (m.contains("indirect call type mismatch")) {
      return TrapKind.INDIRECT_CALL_TYPE_MISMATCH;
    } else if (m.contains("uninitialized element")) {
      return TrapKind.INDIRECT_CALL_TO_NULL;
    }
    return TrapKind.OTHER;
  }

  static TrapException hostTrap(Throwable host) {
    Throwable cause = host instanceof HostFailure ? host.getCause() : host;
    if (cause instanceof ExitException exit) {
      throw exit;
    }
    return new TrapException(
        TrapKind.HOST,
        host instanceof HostFailure
            ? host.getMessage()
            : "host function threw: " + ErrorPaths.describe(host),
        cause);
  }

  private static TrapException trap(Pointer trap) {
    String message = Natives.trapMessage(trap);
    byte[] code = new byte[1];
    TrapKind kind;
    String engineCode = null;
    if (Wasmtime.wasmtime_trap_code(trap, code) != 0) {
      int c = code[0] & 0xFF;
      kind =
          c < CODES.length
              ? CODES[c]
              : c == UNCAUGHT_EXCEPTION ? TrapKind.UNCAUGHT_EXCEPTION : TrapKind.OTHER;
      engineCode = "wasmtime trap code " + c;
    } else {
      kind = kindFromText(message);
    }
    return new TrapException(kind, message, null, frames(trap), engineCode);
  }

  private static List<TrapFrame> frames(Pointer trap) {
    Memory vec = Natives.alloc(Layout.VEC_SIZE);
    Wasmtime.wasm_trap_trace(trap, vec);
    try {
      long n = vec.getLong(0);
      Pointer data = vec.getPointer(8);
      List<TrapFrame> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Pointer frame = data.getPointer((long) i * Native.POINTER_SIZE);
        Pointer name = Wasmtime.wasmtime_frame_func_name(frame);
        out.add(
            new TrapFrame(
                Wasmtime.wasm_frame_func_index(frame),
                name == null ? Optional.empty() : Optional.of(Natives.string(name)),
                Wasmtime.wasm_frame_module_offset(frame)));
      }
      return out;
    } finally {
      Wasmtime.wasm_frame_vec_delete(vec);
    }
  }
}
