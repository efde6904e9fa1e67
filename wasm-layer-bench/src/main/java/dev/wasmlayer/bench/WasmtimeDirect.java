package dev.wasmlayer.bench;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import dev.wasmlayer.wasmtime.internal.WasmtimeLibrary;
import java.nio.charset.StandardCharsets;

/**
 * The same workloads on the wasmtime C API called directly through JNA direct mapping, the way a
 * careful user of JNA would: unchecked calls on a reused raw buffer, one unchecked JNA callback of
 * 64-bit integers for the host function ({@code wasmtime_func_new_unchecked}), the memory base
 * pointer fetched per access. This is the layer's floor on this binding technology.
 */
class WasmtimeDirect implements Workload {
  private static final int EXTERN_FUNC = 0;

  final Pointer engine;
  final Pointer store;
  final Pointer context;
  final Pointer module;
  private final Memory hostFunc = new Memory(Layout.EXTERN_SIZE);

  /**
   * The host function, in the best JNA shape: an unchecked callback of 64-bit integers on the raw
   * slots.
   */
  private final Wasmtime.RawFuncCallback inc = new Inc();

  final Memory addOne;
  final Memory viaHost;
  final Memory hostLoop;
  final Memory fib;
  final Memory fnv;
  final Memory xorshift;
  final Memory memory;
  private final Memory raw = new Memory(2L * Layout.VAL_RAW_SIZE + 8);
  private final long rawAt = Pointer.nativeValue(raw);
  private final long[] trap = new long[1];

  /**
   * A named class, not a lambda: JNA invokes callbacks by reflection, which on JDK 17 goes through
   * JNI for a lambda's hidden class (some 170 ns more per call, measured with CrossingPairs) and
   * through a generated accessor for a named one.
   */
  private static final class Inc implements Wasmtime.RawFuncCallback {
    @Override
    public long invoke(long env, long caller, long argsAndResults, long n) {
      Pointer slot = new Pointer(argsAndResults);
      slot.setInt(0, slot.getInt(0) + 1);
      return 0;
    }
  }

  /**
   * The call in JNA's cheapest shape: direct mapping, every pointer a {@code long}, no array
   * marshalled.
   */
  private static final class Raw {
    static {
      Native.register(
          Raw.class,
          NativeLibrary.getInstance(WasmtimeLibrary.find().path().orElseThrow().toString()));
    }

    static native long wasmtime_func_call_unchecked(
        long context, long func, long argsAndResults, long len, long trapOut);
  }

  WasmtimeDirect() {
    Wasmtime.bind(WasmtimeLibrary.find().path().orElseThrow().toString());
    raw.clear();
    engine = Wasmtime.wasm_engine_new_with_config(Wasmtime.wasm_config_new());
    module = compile(Modules.bench());
    store = Wasmtime.wasmtime_store_new(engine, null, null);
    context = Wasmtime.wasmtime_store_context(store);
    Memory instance = instantiate(context, module);
    addOne = export(instance, "add_one");
    viaHost = export(instance, "via_host");
    hostLoop = export(instance, "host_loop");
    fib = export(instance, "fib");
    fnv = export(instance, "fnv1a");
    xorshift = export(instance, "xorshift");
    memory = export(instance, "memory");
  }

  private Pointer compile(byte[] wasm) {
    long[] out = new long[1];
    check(Wasmtime.wasmtime_module_new(engine, wasm, wasm.length, out));
    return new Pointer(out[0]);
  }

  private Memory instantiate(Pointer ctx, Pointer mod) {
    Pointer params = vec(Layout.WASM_I32);
    Pointer results = vec(Layout.WASM_I32);
    Pointer type = Wasmtime.wasm_functype_new(params, results);
    hostFunc.clear();
    hostFunc.setByte(0, (byte) EXTERN_FUNC);
    defineHost(ctx, type, hostFunc.share(Layout.EXTERN_OF));
    Wasmtime.wasm_functype_delete(type);
    Memory instance = new Memory(Layout.INSTANCE_SIZE);
    check(Wasmtime.wasmtime_instance_new(ctx, mod, hostFunc, 1, instance, trap));
    return instance;
  }

  /**
   * The baseline on the binding technology the layer uses in this JVM: FFM on JDK 22+ (unless
   * {@code -Ddev.wasmlayer.wasmtime.ffm=false}), JNA otherwise, so the ratio compares like with
   * like.
   */
  static WasmtimeDirect sameTechnologyAsTheLayer() {
    if (Runtime.version().feature() >= 22
        && !"false".equals(System.getProperty("dev.wasmlayer.wasmtime.ffm"))) {
      try {
        return (WasmtimeDirect)
            Class.forName("dev.wasmlayer.bench.WasmtimeFfmDirect")
                .getDeclaredConstructor()
                .newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("the FFM baseline was not built (build on JDK 22+)", e);
      }
    }
    return new WasmtimeDirect();
  }

  /**
   * Creates the host function {@code inc} (i32 -> i32) into {@code out}: here an unchecked JNA
   * callback.
   */
  void defineHost(Pointer ctx, Pointer type, Pointer out) {
    Wasmtime.wasmtime_func_new_unchecked(ctx, type, inc, null, null, out);
  }

  private static Pointer vec(int kind) {
    Memory data = new Memory(Native.POINTER_SIZE);
    data.setPointer(0, Wasmtime.wasm_valtype_new(kind));
    Memory vec = new Memory(Layout.VEC_SIZE);
    Wasmtime.wasm_valtype_vec_new(vec, 1, data);
    return vec;
  }

  private Memory export(Memory instance, String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    Memory ext = new Memory(Layout.EXTERN_SIZE);
    if (Wasmtime.wasmtime_instance_export_get(context, instance, n, n.length, ext) == 0) {
      throw new IllegalStateException("no export " + name);
    }
    Memory of = new Memory(Layout.MEMORY_SIZE);
    of.write(0, ext.getByteArray(Layout.EXTERN_OF, Layout.MEMORY_SIZE), 0, Layout.MEMORY_SIZE);
    return of;
  }

  private void check(Pointer err) {
    if (err != null || trap[0] != 0) {
      throw new IllegalStateException("wasmtime call failed");
    }
  }

  /**
   * One call with one i32 in and out: the measured path (the FFM baseline overrides it). The trap
   * slot after the slots stays zero: wasmtime writes it only on a trap, which ends the benchmark.
   */
  int callInt(Pointer func, int arg) {
    raw.setInt(0, arg);
    long err =
        Raw.wasmtime_func_call_unchecked(
            Pointer.nativeValue(context),
            Pointer.nativeValue(func),
            rawAt,
            1,
            rawAt + 2L * Layout.VAL_RAW_SIZE);
    if (err != 0 || raw.getLong(2L * Layout.VAL_RAW_SIZE) != 0) {
      throw new IllegalStateException("wasmtime call failed");
    }
    return raw.getInt(0);
  }

  @Override
  public int addOne(int x) {
    return callInt(addOne, x);
  }

  @Override
  public int viaHost(int x) {
    return callInt(viaHost, x);
  }

  @Override
  public int hostLoop(int n) {
    return callInt(hostLoop, n);
  }

  @Override
  public int fib(int n) {
    return callInt(fib, n);
  }

  @Override
  public long xorshift(int n, long x) {
    raw.setInt(0, n);
    raw.setLong(Layout.VAL_RAW_SIZE, x);
    check(Wasmtime.wasmtime_func_call_unchecked(context, xorshift, raw, 2, trap));
    return raw.getLong(0);
  }

  @Override
  public int fnv1a(int len) {
    return callInt(fnv, len);
  }

  @Override
  public void copyInOut(byte[] data, byte[] out) {
    long size = Wasmtime.wasmtime_memory_data_size(context, memory);
    if (data.length > size || out.length > size) {
      throw new IndexOutOfBoundsException();
    }
    Wasmtime.wasmtime_memory_data(context, memory).write(0, data, 0, data.length);
    size = Wasmtime.wasmtime_memory_data_size(context, memory);
    Wasmtime.wasmtime_memory_data(context, memory).read(0, out, 0, out.length);
  }

  @Override
  public int compileAndInstantiate(byte[] wasm) {
    Pointer mod = compile(wasm);
    Pointer s = Wasmtime.wasmtime_store_new(engine, null, null);
    try {
      Pointer ctx = Wasmtime.wasmtime_store_context(s);
      Memory instance = instantiate(ctx, mod);
      byte[] n = "add_one".getBytes(StandardCharsets.UTF_8);
      Memory ext = new Memory(Layout.EXTERN_SIZE);
      Wasmtime.wasmtime_instance_export_get(ctx, instance, n, n.length, ext);
      Memory r = new Memory(Layout.VAL_RAW_SIZE);
      r.setInt(0, 1);
      check(Wasmtime.wasmtime_func_call_unchecked(ctx, ext.share(Layout.EXTERN_OF), r, 1, trap));
      return r.getInt(0);
    } finally {
      Wasmtime.wasmtime_store_delete(s);
      Wasmtime.wasmtime_module_delete(mod);
    }
  }

  @Override
  public void close() {
    Wasmtime.wasmtime_store_delete(store);
    Wasmtime.wasmtime_module_delete(module);
    Wasmtime.wasm_engine_delete(engine);
  }
}
