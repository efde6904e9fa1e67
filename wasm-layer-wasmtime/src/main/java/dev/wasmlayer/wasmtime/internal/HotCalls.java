package dev.wasmlayer.wasmtime.internal;

import com.sun.jna.Pointer;

/**
 * The native calls on the per-call path, behind one seam: today JNA direct mapping ({@link #JNA}); a Java FFM
 * implementation (JDK 22+) can replace it without touching the adapters. Adapters call through {@link #get()}, a
 * constant the JIT inlines.
 */
public interface HotCalls {
  /** {@code wasmtime_func_call}. */
  Pointer funcCall(Pointer context, Pointer func, Pointer args, long nargs, Pointer results, long nresults, long[] trap);

  /** {@code wasmtime_func_call_unchecked}. */
  Pointer funcCallUnchecked(Pointer context, Pointer func, Pointer argsAndResults, long len, long[] trap);

  /** {@code wasmtime_memory_data}. */
  Pointer memoryData(Pointer context, Pointer memory);

  /** {@code wasmtime_memory_data_size}. */
  long memoryDataSize(Pointer context, Pointer memory);

  /** The JNA implementation. */
  HotCalls JNA = new HotCalls() {
    @Override
    public Pointer funcCall(Pointer context, Pointer func, Pointer args, long nargs, Pointer results, long nresults,
        long[] trap) {
      return Wasmtime.wasmtime_func_call(context, func, args, nargs, results, nresults, trap);
    }

    @Override
    public Pointer funcCallUnchecked(Pointer context, Pointer func, Pointer argsAndResults, long len, long[] trap) {
      return Wasmtime.wasmtime_func_call_unchecked(context, func, argsAndResults, len, trap);
    }

    @Override
    public Pointer memoryData(Pointer context, Pointer memory) {
      return Wasmtime.wasmtime_memory_data(context, memory);
    }

    @Override
    public long memoryDataSize(Pointer context, Pointer memory) {
      return Wasmtime.wasmtime_memory_data_size(context, memory);
    }
  };

  /** The implementation in use. */
  static HotCalls get() {
    return JNA;
  }
}
