package dev.wasmlayer.wasmtime.internal;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;

/** {@link HotCalls} on JNA direct mapping: works on every JDK; each native access is a JNI call. */
final class JnaHotCalls implements HotCalls {
  static final JnaHotCalls INSTANCE = new JnaHotCalls();

  /**
   * One JNA callback object per dispatch target, kept for as long as the process (there is one
   * target).
   */
  private final Map<Dispatch, Wasmtime.FuncCallback> callbacks = new IdentityHashMap<>();

  private final Map<RawDispatch, Wasmtime.RawFuncCallback> rawCallbacks = new IdentityHashMap<>();

  private JnaHotCalls() {}

  @Override
  public Pointer funcCall(
      Pointer context,
      Pointer func,
      Pointer args,
      long nargs,
      Pointer results,
      long nresults,
      long[] trap) {
    return Wasmtime.wasmtime_func_call(context, func, args, nargs, results, nresults, trap);
  }

  @Override
  public long funcCallUnchecked(long context, long func, long buf, long len, long trapAt) {
    return WasmtimeRaw.wasmtime_func_call_unchecked(context, func, buf, len, trapAt);
  }

  @Override
  public Pointer memoryData(Pointer context, Pointer memory) {
    return Wasmtime.wasmtime_memory_data(context, memory);
  }

  @Override
  public long memoryDataSize(Pointer context, Pointer memory) {
    return Wasmtime.wasmtime_memory_data_size(context, memory);
  }

  @Override
  public synchronized void funcNew(
      Pointer context,
      Pointer type,
      Dispatch dispatch,
      Pointer env,
      Wasmtime.Finalizer finalizer,
      Pointer out) {
    Wasmtime.FuncCallback cb = callbacks.computeIfAbsent(dispatch, JnaHotCalls::guarded);
    Wasmtime.wasmtime_func_new(context, type, cb, env, finalizer, out);
  }

  /**
   * The callback for {@code d}, where nothing escapes: JNA hands an exception from a callback to
   * its handler (a stack trace on stderr) and returns null, which wasmtime takes for a host
   * function that succeeded, its results unset. As on the FFM path, an exception is a trap instead.
   */
  static Wasmtime.FuncCallback guarded(Dispatch d) {
    return (env, caller, args, nargs, results, nresults) -> {
      try {
        return d.invoke(env, caller, args, nargs, results, nresults);
      } catch (Throwable t) {
        long trap = dispatchFailed(t);
        return trap == 0 ? null : new Pointer(trap);
      }
    };
  }

  @Override
  public synchronized void funcNewUnchecked(
      Pointer context,
      Pointer type,
      RawDispatch dispatch,
      Pointer env,
      Wasmtime.Finalizer finalizer,
      Pointer out) {
    Wasmtime.RawFuncCallback cb = rawCallbacks.computeIfAbsent(dispatch, JnaHotCalls::guardedRaw);
    Wasmtime.wasmtime_func_new_unchecked(context, type, cb, env, finalizer, out);
  }

  /** As {@link #guarded}, for the raw callback: an escaping exception or error becomes a trap. */
  static Wasmtime.RawFuncCallback guardedRaw(RawDispatch d) {
    return new GuardedRaw(d);
  }

  /**
   * The raw callback as a named class, not a lambda: JNA calls a callback through reflection, and
   * on JDK 17 a lambda's method (a hidden class's) is always invoked through JNI, while a named
   * class's gets a generated accessor after a few calls; that saves about as much as the rest of a
   * host call costs.
   */
  private static final class GuardedRaw implements Wasmtime.RawFuncCallback {
    private final RawDispatch d;

    GuardedRaw(RawDispatch d) {
      this.d = d;
    }

    @Override
    public long invoke(long env, long caller, long argsAndResults, long n) {
      try {
        return d.invoke(env, caller, argsAndResults, n);
      } catch (Throwable t) {
        return dispatchFailed(t);
      }
    }
  }

  /**
   * A trap for a dispatch that threw, or 0 if even making it fails: nothing else can be done
   * without unwinding into native frames.
   */
  static long dispatchFailed(Throwable t) {
    try {
      byte[] message = ("wasm-layer: host dispatch failed: " + t).getBytes(StandardCharsets.UTF_8);
      return Pointer.nativeValue(Wasmtime.wasmtime_trap_new(message, message.length));
    } catch (Throwable again) {
      return 0;
    }
  }

  @Override
  public long getLongAt(long address) {
    return new Pointer(address).getLong(0);
  }

  @Override
  public int getIntAt(long address) {
    return new Pointer(address).getInt(0);
  }

  @Override
  public void setLongAt(long address, long value) {
    new Pointer(address).setLong(0, value);
  }

  @Override
  public void setIntAt(long address, int value) {
    new Pointer(address).setInt(0, value);
  }

  @Override
  public long getLong(Pointer p, long offset) {
    return p.getLong(offset);
  }

  @Override
  public int getInt(Pointer p, long offset) {
    return p.getInt(offset);
  }

  @Override
  public void setLong(Pointer p, long offset, long value) {
    p.setLong(offset, value);
  }

  @Override
  public void setInt(Pointer p, long offset, int value) {
    p.setInt(offset, value);
  }

  @Override
  public void setByte(Pointer p, long offset, byte value) {
    p.setByte(offset, value);
  }

  @Override
  public void read(Pointer p, long offset, byte[] dst, int dstOffset, int length) {
    p.read(offset, dst, dstOffset, length);
  }

  @Override
  public void write(Pointer p, long offset, byte[] src, int srcOffset, int length) {
    p.write(offset, src, srcOffset, length);
  }

  @Override
  public String name() {
    return "jna";
  }
}
