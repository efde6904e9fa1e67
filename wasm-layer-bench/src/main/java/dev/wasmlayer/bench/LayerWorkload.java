package dev.wasmlayer.bench;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Func;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ValType;
import java.util.function.IntUnaryOperator;

/** The workloads through wasm-layer's fastest paths: typed views, raw slots, raw host functions. */
final class LayerWorkload implements Workload {
  private final Engine engine;
  private final Store<Void> store;
  private final Imports imports;
  private final IntUnaryOperator addOne;
  private final IntUnaryOperator viaHost;
  private final IntUnaryOperator hostLoop;
  private final IntUnaryOperator fib;
  private final IntUnaryOperator fnv;
  private final Func xorshift;
  private final long[] slots = new long[2];
  private final Memory memory;

  LayerWorkload(String engineId) {
    this(engineId, EngineConfig.defaults());
  }

  LayerWorkload(String engineId, EngineConfig config) {
    engine = Engines.create(engineId, config);
    store = engine.newStore(null);
    imports =
        Imports.builder()
            .funcRaw(
                "host",
                "inc",
                FuncType.of(ValType.I32, ValType.I32),
                (c, s) -> s[0] = (int) s[0] + 1)
            .build();
    Instance i = store.instantiate(engine.compile(Modules.bench()), imports);
    addOne = i.func("add_one").orElseThrow().typed(IntUnaryOperator.class);
    viaHost = i.func("via_host").orElseThrow().typed(IntUnaryOperator.class);
    hostLoop = i.func("host_loop").orElseThrow().typed(IntUnaryOperator.class);
    fib = i.func("fib").orElseThrow().typed(IntUnaryOperator.class);
    fnv = i.func("fnv1a").orElseThrow().typed(IntUnaryOperator.class);
    xorshift = i.func("xorshift").orElseThrow();
    memory = i.memory("memory").orElseThrow();
  }

  @Override
  public int addOne(int x) {
    return addOne.applyAsInt(x);
  }

  @Override
  public int viaHost(int x) {
    return viaHost.applyAsInt(x);
  }

  @Override
  public int hostLoop(int n) {
    return hostLoop.applyAsInt(n);
  }

  @Override
  public int fib(int n) {
    return fib.applyAsInt(n);
  }

  @Override
  public long xorshift(int n, long x) {
    slots[0] = n;
    slots[1] = x;
    xorshift.callRaw(slots);
    return slots[0];
  }

  @Override
  public int fnv1a(int len) {
    return fnv.applyAsInt(len);
  }

  @Override
  public void copyInOut(byte[] data, byte[] out) {
    memory.write(0, data);
    memory.read(0, out);
  }

  @Override
  public int compileAndInstantiate(byte[] wasm) {
    try (Module m = engine.compile(wasm);
        Store<Void> s = engine.newStore(null)) {
      return s.instantiate(m, imports)
          .func("add_one")
          .orElseThrow()
          .typed(IntUnaryOperator.class)
          .applyAsInt(1);
    }
  }

  @Override
  public void close() {
    store.close();
    engine.close();
  }
}
