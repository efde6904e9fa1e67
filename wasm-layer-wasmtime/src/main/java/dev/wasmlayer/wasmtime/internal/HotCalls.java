package dev.wasmlayer.wasmtime.internal;

import com.sun.jna.Pointer;

/**
 * The native work on the per-call path, behind one seam: calls into wasmtime, the host-function
 * upcall, and reads and writes of the value buffers. Two implementations: JNA direct mapping
 * ({@link JnaHotCalls}, every JDK), and Java's FFM API ({@code FfmHotCalls}, JDK 22+, compiled from
 * {@code src/main/java22}), chosen once by {@link #get()}: FFM when the JDK is 22 or newer and the
 * class was built, unless {@code -Ddev.wasmlayer.wasmtime.ffm=false}.
 */
public interface HotCalls {
  /** {@code wasmtime_func_call}. */
  Pointer funcCall(
      Pointer context,
      Pointer func,
      Pointer args,
      long nargs,
      Pointer results,
      long nresults,
      long[] trap);

  /**
   * {@code wasmtime_func_call_unchecked} on addresses, the typed views' path: nothing is allocated
   * or wrapped. The trap out-parameter is the 8 bytes at {@code trapAt}, which wasmtime writes only
   * on a trap: the caller keeps them zero between calls. Returns a {@code wasmtime_error_t*} or 0.
   */
  long funcCallUnchecked(long context, long func, long buf, long len, long trapAt);

  /** {@code wasmtime_memory_data}. */
  Pointer memoryData(Pointer context, Pointer memory);

  /** {@code wasmtime_memory_data_size}. */
  long memoryDataSize(Pointer context, Pointer memory);

  /**
   * {@code wasmtime_func_new} with the one dispatching callback of this implementation: {@code
   * dispatch} receives every call, {@code finalizer} runs when wasmtime drops {@code env}.
   */
  void funcNew(
      Pointer context,
      Pointer type,
      Dispatch dispatch,
      Pointer env,
      Wasmtime.Finalizer finalizer,
      Pointer out);

  /**
   * {@code wasmtime_func_new_unchecked} with the one raw callback of this implementation: {@code
   * dispatch} receives every call with primitive arguments (no objects made per call), {@code
   * finalizer} runs when wasmtime drops {@code env}.
   */
  void funcNewUnchecked(
      Pointer context,
      Pointer type,
      RawDispatch dispatch,
      Pointer env,
      Wasmtime.Finalizer finalizer,
      Pointer out);

  /** Reads and writes of native memory at an absolute address (the raw host-call path's slots). */
  long getLongAt(long address);

  int getIntAt(long address);

  void setLongAt(long address, long value);

  void setIntAt(long address, int value);

  /** Reads and writes of native memory at {@code p + offset}. */
  long getLong(Pointer p, long offset);

  int getInt(Pointer p, long offset);

  void setLong(Pointer p, long offset, long value);

  void setInt(Pointer p, long offset, int value);

  void setByte(Pointer p, long offset, byte value);

  /** Copies {@code length} bytes from {@code p + offset} into {@code dst}. */
  void read(Pointer p, long offset, byte[] dst, int dstOffset, int length);

  /** Copies {@code length} bytes of {@code src} to {@code p + offset}. */
  void write(Pointer p, long offset, byte[] src, int srcOffset, int length);

  /** Which implementation this is: "ffm" or "jna". */
  String name();

  /**
   * The host-function entry point both implementations call: returns a {@code wasm_trap_t*} or
   * null.
   */
  interface Dispatch {
    Pointer invoke(
        Pointer env, Pointer caller, Pointer args, long nargs, Pointer results, long nresults);
  }

  /**
   * The unchecked host-function entry point: {@code argsAndResults} is an array of {@code n}
   * 16-byte {@code wasmtime_val_raw_t}, arguments in, results out; returns a {@code wasm_trap_t*}
   * or 0.
   */
  interface RawDispatch {
    long invoke(long env, long caller, long argsAndResults, long n);
  }

  /** The implementation in use, chosen once. */
  static HotCalls get() {
    return HotCallsChoice.IMPL;
  }
}
