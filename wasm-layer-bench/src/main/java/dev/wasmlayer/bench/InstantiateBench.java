package dev.wasmlayer.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.InstancePre;
import dev.wasmlayer.Linker;
import dev.wasmlayer.Pooling;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import dev.wasmlayer.wat.WasmText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Instantiating a small module (two host imports, a memory, a global, three functions) from a
 * pre-linked form into a fresh store, store creation and close included in every operation: the
 * layer's {@link InstancePre} against each engine used directly (wasmtime's {@code
 * wasmtime_instance_pre_instantiate} on the layer's own engine and module pointers, same JNA
 * binding the layer's instantiation uses; Chicory's {@code Instance.builder} with the compiled
 * machine factory made once). {@code firstCall} adds one call of an export, where lazy export
 * wrapping is paid.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xss16m", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class InstantiateBench {
  static final String WAT =
      """
      (module
        (import "env" "add" (func $add (param i32 i32) (result i32)))
        (import "env" "twice" (func $twice (param i32) (result i32)))
        (memory (export "memory") 1)
        (global $n (export "n") (mut i32) (i32.const 0))
        (func (export "run") (param i32) (result i32)
          (global.set $n (i32.add (global.get $n) (i32.const 1)))
          (call $add (call $twice (local.get 0)) (global.get $n)))
        (func (export "two") (result i32) (i32.const 2))
        (func (export "three") (result i32) (i32.const 3)))
      """;

  /** {@code wasmtime}, {@code wasmtime-pooling} (a pool of 100 instances) or {@code chicory}. */
  @Param({"wasmtime", "wasmtime-pooling", "chicory"})
  public String target;

  private Engine engine;
  private InstancePre pre;
  private Runnable direct;
  private Runnable directClose = () -> {};
  private Object callbacks;

  @Setup
  public void setUp() {
    boolean pooling = target.endsWith("-pooling");
    String id = pooling ? target.substring(0, target.indexOf('-')) : target;
    EngineConfig.Builder config = EngineConfig.builder();
    if (pooling) {
      config.pooling(Pooling.of(100).withMaxMemoryBytes(16 << 20));
    }
    engine = Engines.create(id, config.build());
    byte[] wasm = WasmText.toBinary(WAT.getBytes(StandardCharsets.UTF_8));
    dev.wasmlayer.Module module = engine.compile(wasm);
    pre =
        Linker.of(engine)
            .funcRaw(
                "env",
                "add",
                FuncType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)),
                (c, s) -> s[0] = (int) s[0] + (int) s[1])
            .funcRaw(
                "env",
                "twice",
                FuncType.of(ValType.I32, ValType.I32),
                (c, s) -> s[0] = 2 * (int) s[0])
            .instantiatePre(module);
    direct = id.equals("wasmtime") ? wasmtimeDirect(module) : chicoryDirect(wasm);
  }

  @TearDown
  public void tearDown() {
    directClose.run();
    engine.close();
  }

  /** Layer: new store, instantiate from the InstancePre, close. */
  @Benchmark
  public Object layer() {
    try (Store<Object> s = engine.newStore(null)) {
      return pre.instantiate(s);
    }
  }

  /** Layer, and one call of an export (the lazily wrapped one). */
  @Benchmark
  public int layerFirstCall() {
    try (Store<Object> s = engine.newStore(null)) {
      return pre.instantiate(s).func("run").orElseThrow().call(Value.i32(1))[0].i32();
    }
  }

  /** The engine used directly, the same work: new store, instantiate pre-linked, free. */
  @Benchmark
  public void direct() {
    direct.run();
  }

  private Runnable wasmtimeDirect(dev.wasmlayer.Module module) {
    Pointer eng = engine.unwrap(Pointer.class);
    Pointer linker = Wasmtime.wasmtime_linker_new(eng);
    Wasmtime.RawFuncCallback add =
        (env, caller, slots, n) -> {
          Pointer p = new Pointer(slots);
          p.setInt(0, p.getInt(0) + p.getInt(Layout.VAL_RAW_SIZE));
          return 0;
        };
    Wasmtime.RawFuncCallback twice =
        (env, caller, slots, n) -> {
          Pointer p = new Pointer(slots);
          p.setInt(0, 2 * p.getInt(0));
          return 0;
        };
    callbacks = List.of(add, twice); // JNA callbacks must stay reachable while the linker lives
    define(linker, "add", 2, add);
    define(linker, "twice", 1, twice);
    long[] out = new long[1];
    ok(Wasmtime.wasmtime_linker_instantiate_pre(linker, module.unwrap(Pointer.class), out));
    Pointer instancePre = new Pointer(out[0]);
    Memory instance = new Memory(Layout.INSTANCE_SIZE);
    long[] trap = new long[1];
    boolean epochs = engine.config().interruption();
    directClose =
        () -> {
          Wasmtime.wasmtime_instance_pre_delete(instancePre);
          Wasmtime.wasmtime_linker_delete(linker);
        };
    return () -> {
      Pointer store = Wasmtime.wasmtime_store_new(eng, null, null);
      Pointer ctx = Wasmtime.wasmtime_store_context(store);
      if (epochs) { // what the layer's compiled code needs to run at all
        Wasmtime.wasmtime_context_set_epoch_deadline(ctx, 1);
      }
      ok(Wasmtime.wasmtime_instance_pre_instantiate(instancePre, ctx, instance, trap));
      Wasmtime.wasmtime_store_delete(store);
    };
  }

  private static void define(Pointer linker, String name, int params, Wasmtime.RawFuncCallback cb) {
    Memory p = new Memory((long) params * Native.POINTER_SIZE);
    for (int i = 0; i < params; i++) {
      p.setPointer((long) i * Native.POINTER_SIZE, Wasmtime.wasm_valtype_new(Layout.WASM_I32));
    }
    Memory pv = new Memory(Layout.VEC_SIZE);
    Wasmtime.wasm_valtype_vec_new(pv, params, p);
    Memory r = new Memory(Native.POINTER_SIZE);
    r.setPointer(0, Wasmtime.wasm_valtype_new(Layout.WASM_I32));
    Memory rv = new Memory(Layout.VEC_SIZE);
    Wasmtime.wasm_valtype_vec_new(rv, 1, r);
    Pointer type = Wasmtime.wasm_functype_new(pv, rv);
    byte[] m = "env".getBytes(StandardCharsets.UTF_8);
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    ok(
        Wasmtime.wasmtime_linker_define_func_unchecked(
            linker, m, m.length, n, n.length, type, cb, null, null));
    Wasmtime.wasm_functype_delete(type);
  }

  private static void ok(Pointer err) {
    if (err != null) {
      throw new IllegalStateException("wasmtime: " + Natives.consumeError(err));
    }
  }

  private Runnable chicoryDirect(byte[] wasm) {
    WasmModule module = Parser.parse(wasm);
    Function<Instance, Machine> machines = MachineFactoryCompiler.compile(module);
    FunctionType binary =
        FunctionType.of(
            List.of(
                com.dylibso.chicory.wasm.types.ValType.I32,
                com.dylibso.chicory.wasm.types.ValType.I32),
            List.of(com.dylibso.chicory.wasm.types.ValType.I32));
    FunctionType unary =
        FunctionType.of(
            List.of(com.dylibso.chicory.wasm.types.ValType.I32),
            List.of(com.dylibso.chicory.wasm.types.ValType.I32));
    ImportValues imports =
        ImportValues.builder()
            .addFunction(
                new HostFunction(
                    "env", "add", binary, (i, a) -> new long[] {(int) a[0] + (int) a[1]}))
            .addFunction(
                new HostFunction("env", "twice", unary, (i, a) -> new long[] {2 * (int) a[0]}))
            .build();
    return () ->
        Instance.builder(module).withImportValues(imports).withMachineFactory(machines).build();
  }
}
