package dev.wasmlayer.bench;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import com.sun.jna.Pointer;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.WasmtimeLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The wasmtime C API called directly through Java's FFM API (JDK 22+), the way a careful FFM user
 * would: downcall handles on 64-bit values, one reused raw buffer with its trap slot, an unchecked
 * upcall stub of 64-bit values for the host function, memory copied with {@code
 * MemorySegment.copy}. Set-up (compile, instantiate) is shared with the JNA baseline; only the
 * measured paths differ. The baseline for the layer's FFM path.
 */
@SuppressWarnings("restricted") // a baseline of native calls: restricted methods are its point
final class WasmtimeFfmDirect extends WasmtimeDirect {
  private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIB =
      SymbolLookup.libraryLookup(WasmtimeLibrary.find().path().orElseThrow(), Arena.global());
  private static final MethodHandle CALL =
      LINKER.downcallHandle(
          LIB.find("wasmtime_func_call_unchecked").orElseThrow(),
          FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
  private static final MethodHandle DATA =
      LINKER.downcallHandle(
          LIB.find("wasmtime_memory_data").orElseThrow(),
          FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG),
          Linker.Option.critical(false));
  private static final MethodHandle SIZE =
      LINKER.downcallHandle(
          LIB.find("wasmtime_memory_data_size").orElseThrow(),
          FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG),
          Linker.Option.critical(false));
  private static final MethodHandle FUNC_NEW =
      LINKER.downcallHandle(
          LIB.find("wasmtime_func_new_unchecked").orElseThrow(),
          FunctionDescriptor.ofVoid(
              JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
  private static final MemorySegment INC = incStub();

  private static final long TRAP_AT = 2L * Layout.VAL_RAW_SIZE;
  private final long raw = Arena.global().allocate(TRAP_AT + 8, 16).address();
  private final long ctx = Pointer.nativeValue(context);

  private static MemorySegment incStub() {
    try {
      MethodHandle inc =
          MethodHandles.lookup()
              .findStatic(
                  WasmtimeFfmDirect.class,
                  "inc",
                  MethodType.methodType(
                      long.class, long.class, long.class, long.class, long.class));
      return LINKER.upcallStub(
          inc,
          FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
          Arena.global());
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The host function: i32 + 1, in place on the raw slot ({@code wasmtime_func_new_unchecked}). */
  private static long inc(long env, long caller, long argsAndResults, long n) {
    ALL.set(JAVA_INT_UNALIGNED, argsAndResults, ALL.get(JAVA_INT_UNALIGNED, argsAndResults) + 1);
    return 0;
  }

  @Override
  void defineHost(Pointer c, Pointer type, Pointer out) {
    try {
      FUNC_NEW.invokeExact(
          Pointer.nativeValue(c),
          Pointer.nativeValue(type),
          INC.address(),
          0L,
          0L,
          Pointer.nativeValue(out));
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private long call(Pointer func, long len) {
    ALL.set(JAVA_LONG_UNALIGNED, raw + TRAP_AT, 0L);
    long err;
    try {
      err = (long) CALL.invokeExact(ctx, Pointer.nativeValue(func), raw, len, raw + TRAP_AT);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
    if (err != 0 || ALL.get(JAVA_LONG_UNALIGNED, raw + TRAP_AT) != 0) {
      throw new IllegalStateException("wasmtime call failed");
    }
    return raw;
  }

  @Override
  int callInt(Pointer func, int arg) {
    ALL.set(JAVA_INT_UNALIGNED, raw, arg);
    call(func, 1);
    return ALL.get(JAVA_INT_UNALIGNED, raw);
  }

  @Override
  public long xorshift(int n, long x) {
    ALL.set(JAVA_INT_UNALIGNED, raw, n);
    ALL.set(JAVA_LONG_UNALIGNED, raw + Layout.VAL_RAW_SIZE, x);
    call(xorshift, 2);
    return ALL.get(JAVA_LONG_UNALIGNED, raw);
  }

  @Override
  public void copyInOut(byte[] data, byte[] out) {
    try {
      long m = Pointer.nativeValue(memory);
      long size = (long) SIZE.invokeExact(ctx, m);
      if (data.length > size || out.length > size) {
        throw new IndexOutOfBoundsException();
      }
      long base = (long) DATA.invokeExact(ctx, m);
      MemorySegment.copy(data, 0, ALL, JAVA_BYTE, base, data.length);
      base = (long) DATA.invokeExact(ctx, m);
      MemorySegment.copy(ALL, JAVA_BYTE, base, out, 0, out.length);
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
