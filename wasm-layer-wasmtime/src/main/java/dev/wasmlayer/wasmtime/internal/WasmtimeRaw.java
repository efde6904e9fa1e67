package dev.wasmlayer.wasmtime.internal;

import com.sun.jna.Native;

/**
 * The per-call C functions in JNA's cheapest shape: direct mapping with every pointer a 64-bit
 * integer, so a call makes no {@code Pointer} and marshals no array (a {@code long[]} out-parameter
 * is copied in and out on every call). Bound to the same library as {@link Wasmtime}, on first use.
 */
final class WasmtimeRaw {
  static {
    Native.register(WasmtimeRaw.class, Wasmtime.library());
  }

  private WasmtimeRaw() {}

  /**
   * Returns a {@code wasmtime_error_t*} or 0; a trap goes to {@code trapOut} (left untouched when
   * none).
   */
  static native long wasmtime_func_call_unchecked(
      long context, long func, long argsAndResults, long len, long trapOut);
}
