package dev.wasmlayer.wasmtime.internal;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import com.sun.jna.CallbackReference;
import com.sun.jna.Pointer;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link HotCalls} on Java's FFM API (JDK 22+): downcalls through method handles the JIT compiles
 * into direct native calls, one upcall stub for every host function, and buffer accesses as plain
 * memory reads and writes. Pointers are passed as 64-bit integers (x86-64 and AArch64 pass both in
 * the same registers). Calls that can reach a host function are never "critical" (a critical call
 * must not call back into Java); only the memory queries are.
 */
@SuppressWarnings(
    "restricted") // the FFM binding itself: its native access is enabled by the JVM flags in README
final class FfmHotCalls implements HotCalls {
  static final FfmHotCalls INSTANCE = new FfmHotCalls();

  /** All of memory, for reads and writes at absolute addresses. */
  private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

  private static final Linker LINKER = Linker.nativeLinker();
  private static final MethodHandle CALL_UNCHECKED = down("wasmtime_func_call_unchecked", false, 5);
  private static final MethodHandle MEMORY_DATA = down("wasmtime_memory_data", true, 2);
  private static final MethodHandle MEMORY_DATA_SIZE = down("wasmtime_memory_data_size", true, 2);
  private static final MethodHandle FUNC_NEW =
      LINKER.downcallHandle(
          MemorySegment.ofAddress(address("wasmtime_func_new")),
          FunctionDescriptor.ofVoid(
              JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
  private static final MethodHandle FUNC_NEW_UNCHECKED =
      LINKER.downcallHandle(
          MemorySegment.ofAddress(address("wasmtime_func_new_unchecked")),
          FunctionDescriptor.ofVoid(
              JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
  private static final MemorySegment UPCALL = upcallStub("upcall", 6);
  private static final MemorySegment UPCALL_RAW = upcallStub("upcallRaw", 4);

  /** The one dispatch target (the backend has one); set before any host function exists. */
  private static volatile Dispatch dispatch;

  /** The one raw dispatch target, likewise. */
  private static volatile RawDispatch rawDispatch;

  private FfmHotCalls() {}

  private static long address(String symbol) {
    return Pointer.nativeValue(Wasmtime.library().getFunction(symbol));
  }

  /** A downcall taking {@code params} 64-bit values and returning one. */
  private static MethodHandle down(String symbol, boolean critical, int params) {
    MemoryLayout[] args = new MemoryLayout[params];
    Arrays.fill(args, JAVA_LONG);
    FunctionDescriptor fd = FunctionDescriptor.of(JAVA_LONG, args);
    MemorySegment fn = MemorySegment.ofAddress(address(symbol));
    return critical
        ? LINKER.downcallHandle(fn, fd, Linker.Option.critical(false))
        : LINKER.downcallHandle(fn, fd);
  }

  /** A stub for the static {@code method} taking {@code params} 64-bit values and returning one. */
  private static MemorySegment upcallStub(String method, int params) {
    try {
      Class<?>[] types = new Class<?>[params];
      Arrays.fill(types, long.class);
      MethodHandle target =
          MethodHandles.lookup()
              .findStatic(FfmHotCalls.class, method, MethodType.methodType(long.class, types));
      MemoryLayout[] args = new MemoryLayout[params];
      Arrays.fill(args, JAVA_LONG);
      return LINKER.upcallStub(target, FunctionDescriptor.of(JAVA_LONG, args), Arena.global());
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Every host function call lands here; nothing may escape (an exception in an upcall ends the
   * JVM).
   */
  private static long upcall(
      long env, long caller, long args, long nargs, long results, long nresults) {
    try {
      Pointer trap =
          dispatch.invoke(
              new Pointer(env),
              new Pointer(caller),
              new Pointer(args),
              nargs,
              new Pointer(results),
              nresults);
      return Pointer.nativeValue(trap);
    } catch (Throwable t) {
      byte[] message = ("wasm-layer: host dispatch failed: " + t).getBytes(StandardCharsets.UTF_8);
      try {
        return Pointer.nativeValue(Wasmtime.wasmtime_trap_new(message, message.length));
      } catch (Throwable again) {
        return 0; // nothing else can be done here without unwinding into native frames
      }
    }
  }

  /** Every unchecked host function call lands here; nothing may escape either. */
  private static long upcallRaw(long env, long caller, long argsAndResults, long n) {
    try {
      return rawDispatch.invoke(env, caller, argsAndResults, n);
    } catch (Throwable t) {
      return JnaHotCalls.dispatchFailed(t);
    }
  }

  private static Pointer pointer(long address) {
    return address == 0 ? null : new Pointer(address);
  }

  @Override
  public Pointer funcCall(
      Pointer context,
      Pointer func,
      Pointer args,
      long nargs,
      Pointer results,
      long nresults,
      long[] trap) {
    return JnaHotCalls.INSTANCE.funcCall(
        context, func, args, nargs, results, nresults, trap); // the Value path
  }

  @Override
  public long funcCallUnchecked(long context, long func, long buf, long len, long trapAt) {
    try {
      return (long) CALL_UNCHECKED.invokeExact(context, func, buf, len, trapAt);
    } catch (Throwable t) {
      throw new IllegalStateException("wasmtime_func_call_unchecked failed to run", t);
    }
  }

  @Override
  public Pointer memoryData(Pointer context, Pointer memory) {
    try {
      return pointer(
          (long)
              MEMORY_DATA.invokeExact(Pointer.nativeValue(context), Pointer.nativeValue(memory)));
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  @Override
  public long memoryDataSize(Pointer context, Pointer memory) {
    try {
      return (long)
          MEMORY_DATA_SIZE.invokeExact(Pointer.nativeValue(context), Pointer.nativeValue(memory));
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  @Override
  public void funcNew(
      Pointer context,
      Pointer type,
      Dispatch target,
      Pointer env,
      Wasmtime.Finalizer finalizer,
      Pointer out) {
    if (dispatch == null) {
      dispatch = target;
    } else if (dispatch != target) {
      throw new IllegalStateException("the FFM path has one host dispatch target");
    }
    newFunc("wasmtime_func_new", FUNC_NEW, UPCALL, context, type, env, finalizer, out);
  }

  @Override
  public void funcNewUnchecked(
      Pointer context,
      Pointer type,
      RawDispatch target,
      Pointer env,
      Wasmtime.Finalizer finalizer,
      Pointer out) {
    synchronized (FfmHotCalls.class) {
      if (rawDispatch == null) {
        rawDispatch = target;
      } else if (rawDispatch != target) {
        throw new IllegalStateException("the FFM path has one raw host dispatch target");
      }
    }
    newFunc(
        "wasmtime_func_new_unchecked",
        FUNC_NEW_UNCHECKED,
        UPCALL_RAW,
        context,
        type,
        env,
        finalizer,
        out);
  }

  /**
   * Creates a host function with wasmtime's {@code function}, its calls arriving at {@code upcall}.
   */
  private static void newFunc(
      String function,
      MethodHandle create,
      MemorySegment upcall,
      Pointer context,
      Pointer type,
      Pointer env,
      Wasmtime.Finalizer finalizer,
      Pointer out) {
    try {
      create.invokeExact(
          Pointer.nativeValue(context),
          Pointer.nativeValue(type),
          upcall.address(),
          Pointer.nativeValue(env),
          Pointer.nativeValue(CallbackReference.getFunctionPointer(finalizer)),
          Pointer.nativeValue(out));
    } catch (Throwable t) {
      throw new IllegalStateException(function + " failed to run", t);
    }
  }

  @Override
  public long getLongAt(long address) {
    return ALL.get(JAVA_LONG_UNALIGNED, address);
  }

  @Override
  public int getIntAt(long address) {
    return ALL.get(JAVA_INT_UNALIGNED, address);
  }

  @Override
  public void setLongAt(long address, long value) {
    ALL.set(JAVA_LONG_UNALIGNED, address, value);
  }

  @Override
  public void setIntAt(long address, int value) {
    ALL.set(JAVA_INT_UNALIGNED, address, value);
  }

  @Override
  public long getLong(Pointer p, long offset) {
    return ALL.get(JAVA_LONG_UNALIGNED, Pointer.nativeValue(p) + offset);
  }

  @Override
  public int getInt(Pointer p, long offset) {
    return ALL.get(JAVA_INT_UNALIGNED, Pointer.nativeValue(p) + offset);
  }

  @Override
  public void setLong(Pointer p, long offset, long value) {
    ALL.set(JAVA_LONG_UNALIGNED, Pointer.nativeValue(p) + offset, value);
  }

  @Override
  public void setInt(Pointer p, long offset, int value) {
    ALL.set(JAVA_INT_UNALIGNED, Pointer.nativeValue(p) + offset, value);
  }

  @Override
  public void setByte(Pointer p, long offset, byte value) {
    ALL.set(JAVA_BYTE, Pointer.nativeValue(p) + offset, value);
  }

  @Override
  public void read(Pointer p, long offset, byte[] dst, int dstOffset, int length) {
    MemorySegment.copy(ALL, JAVA_BYTE, Pointer.nativeValue(p) + offset, dst, dstOffset, length);
  }

  @Override
  public void write(Pointer p, long offset, byte[] src, int srcOffset, int length) {
    MemorySegment.copy(src, srcOffset, ALL, JAVA_BYTE, Pointer.nativeValue(p) + offset, length);
  }

  @Override
  public String name() {
    return "ffm";
  }
}
