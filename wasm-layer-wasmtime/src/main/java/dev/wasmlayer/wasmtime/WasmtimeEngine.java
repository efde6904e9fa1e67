package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.CompilationCache;
import dev.wasmlayer.CompileException;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.ExecutionStrategy;
import dev.wasmlayer.Feature;
import dev.wasmlayer.InstancePre;
import dev.wasmlayer.Module;
import dev.wasmlayer.Pooling;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.spi.LinkedImports;
import dev.wasmlayer.spi.PreLinking;
import dev.wasmlayer.spi.WasmBytes;
import dev.wasmlayer.spi.support.CacheKeys;
import dev.wasmlayer.spi.support.CompileBoundary;
import dev.wasmlayer.spi.support.EngineBase;
import dev.wasmlayer.spi.support.EngineLifetime;
import dev.wasmlayer.spi.support.internal.GrowCounting;
import dev.wasmlayer.wasmtime.internal.HotCalls;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import dev.wasmlayer.wasmtime.internal.WasmtimeLibrary;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A {@code wasm_engine_t}. Thread-safe; closing it frees the engine once every module and store is
 * closed too.
 */
final class WasmtimeEngine extends EngineBase implements PreLinking {
  static final Cleaner CLEANER = Cleaner.create();
  private static final String STACK_OPTION = "wasmtime.maxWasmStack";
  private static final String SIGNALS_OPTION = "wasmtime.signalsBasedTraps";
  private static final String RESERVATION_OPTION = "wasmtime.memoryReservation";
  private static final String GUARD_OPTION = "wasmtime.memoryGuardSize";

  private final Pointer engine;

  /** Frees the native engine once it is closed and its last store is gone; compiles hold it too. */
  private final EngineLifetime lifetime;

  /** The compiled {@link AnyBridge} module, made on first use and freed with the engine. */
  private final AtomicLong bridgeModule = new AtomicLong();

  /** wasmtime's limit on the native stack one entry into wasm may use. */
  private final long maxWasmStack;

  WasmtimeEngine(EngineConfig config) {
    super(
        WasmtimeEngineProvider.ID,
        WasmtimeLibrary.VERSION,
        config,
        WasmtimeEngineProvider.FEATURES);
    WasmtimeErrors.warm(); // error paths ready before any call can exhaust the stack
    if (config.strategy() == ExecutionStrategy.INTERPRETER) {
      throw new IllegalArgumentException(
          "this wasmtime build has no interpreter; use COMPILER or AUTO");
    }
    long stack = 512 * 1024;
    boolean signals = true;
    long reservation = -1;
    long guard = -1;
    for (Map.Entry<String, String> e : config.options().entrySet()) {
      if (!e.getKey().startsWith(WasmtimeEngineProvider.ID + ".")) {
        continue;
      }
      if (e.getKey().equals(STACK_OPTION)) {
        stack = Long.parseLong(e.getValue());
      } else if (e.getKey().equals(SIGNALS_OPTION)) {
        signals = Boolean.parseBoolean(e.getValue());
      } else if (e.getKey().equals(RESERVATION_OPTION)) {
        reservation = Long.parseLong(e.getValue());
      } else if (e.getKey().equals(GUARD_OPTION)) {
        guard = Long.parseLong(e.getValue());
      } else {
        throw new IllegalArgumentException(
            "unknown wasmtime option '"
                + e.getKey()
                + "'; known: "
                + STACK_OPTION
                + ", "
                + SIGNALS_OPTION
                + ", "
                + RESERVATION_OPTION
                + ", "
                + GUARD_OPTION);
      }
    }
    this.maxWasmStack = stack;
    Pointer cfg = Wasmtime.wasm_config_new();
    Wasmtime.wasmtime_config_max_wasm_stack_set(cfg, stack);
    Wasmtime.wasmtime_config_signals_based_traps_set(cfg, (byte) (signals ? 1 : 0));
    if (reservation >= 0) {
      Wasmtime.wasmtime_config_memory_reservation_set(cfg, reservation);
    }
    if (guard >= 0) {
      Wasmtime.wasmtime_config_memory_guard_size_set(cfg, guard);
    }
    Wasmtime.wasmtime_config_consume_fuel_set(cfg, (byte) (config.fuel() ? 1 : 0));
    Wasmtime.wasmtime_config_epoch_interruption_set(cfg, (byte) (config.interruption() ? 1 : 0));
    config.pooling().ifPresent(p -> pool(cfg, p));
    this.engine = Wasmtime.wasm_engine_new_with_config(cfg);
    if (engine == null) {
      throw new WasmException("wasmtime could not create an engine with " + config);
    }
    Pointer e = engine;
    AtomicLong bridge = bridgeModule;
    this.lifetime =
        new EngineLifetime(
            () -> {
              long m = bridge.getAndSet(0);
              if (m != 0) {
                Wasmtime.wasmtime_module_delete(new Pointer(m));
              }
              Wasmtime.wasm_engine_delete(e);
            });
    CLEANER.register(
        this,
        lifetime::close); // the safety net: stores and modules hold this engine while they live
  }

  /**
   * Sets wasmtime's pooling allocator with the layer's limits; wasmtime's defaults for the rest.
   */
  private static void pool(Pointer cfg, Pooling limits) {
    Pointer pooling = Wasmtime.wasmtime_pooling_allocation_config_new();
    try {
      Wasmtime.wasmtime_pooling_allocation_config_total_core_instances_set(
          pooling, limits.instances());
      Wasmtime.wasmtime_pooling_allocation_config_total_memories_set(pooling, limits.memories());
      Wasmtime.wasmtime_pooling_allocation_config_total_tables_set(pooling, limits.tables());
      if (limits.maxMemoryBytes() > 0) {
        Wasmtime.wasmtime_pooling_allocation_config_max_memory_size_set(
            pooling, limits.maxMemoryBytes());
      }
      Wasmtime.wasmtime_pooling_allocation_strategy_set(cfg, pooling);
    } finally {
      Wasmtime.wasmtime_pooling_allocation_config_delete(pooling);
    }
  }

  long maxWasmStack() {
    return maxWasmStack;
  }

  EngineLifetime lifetime() {
    return lifetime;
  }

  /**
   * Makes every store with epoch interruption look at its flags now. Called only by a store's stop
   * signal, which runs while that store (and so the native engine) is alive.
   */
  void kick() {
    Wasmtime.wasmtime_engine_increment_epoch(engine);
  }

  /** The native engine; callers hold {@link #lifetime()} (a store) or run inside {@link #using}. */
  Pointer pointer() {
    return engine;
  }

  /**
   * Runs {@code work} holding the engine, so a close from another thread cannot free it underneath.
   */
  private <R> R using(Supplier<R> work) {
    lifetime.acquire();
    try {
      return work.get();
    } finally {
      lifetime.release();
    }
  }

  /** The {@link AnyBridge} module ({@code wasmtime_module_t*}), compiled once per engine. */
  Pointer bridgeModule() {
    long m = bridgeModule.get();
    if (m == 0) {
      synchronized (bridgeModule) {
        m = bridgeModule.get();
        if (m == 0) {
          byte[] wasm = binary(AnyBridge.WAT.getBytes(StandardCharsets.UTF_8));
          long[] out = new long[1];
          Pointer err = Wasmtime.wasmtime_module_new(engine, wasm, wasm.length, out);
          if (err != null) {
            throw new IllegalStateException(
                "wasmtime could not compile the anyref bridge: " + Natives.consumeError(err));
          }
          m = out[0];
          bridgeModule.set(m);
        }
      }
    }
    return new Pointer(m);
  }

  @Override
  public ExecutionStrategy strategy() {
    return ExecutionStrategy.COMPILER;
  }

  @Override
  public Set<Feature> features() {
    return WasmtimeEngineProvider.FEATURES;
  }

  /** Text is turned into a binary by wasmtime, which does not validate it; compiling then does. */
  byte[] binary(byte[] wasm) {
    if (WasmBytes.isBinary(wasm) || !WasmBytes.looksLikeText(wasm)) {
      return wasm;
    }
    Memory out = Natives.alloc(Layout.VEC_SIZE);
    Pointer err = Wasmtime.wasmtime_wat2wasm(wasm, wasm.length, out);
    if (err != null) {
      throw new CompileException(
          CompileException.Reason.MALFORMED, "malformed text: " + Natives.consumeError(err), null);
    }
    try {
      return Natives.bytes(out);
    } finally {
      Wasmtime.wasm_byte_vec_delete(out);
    }
  }

  @Override
  protected WasmtimeComponent compileComponentOpen(byte[] bytes) {
    return using(() -> CompileBoundary.run(() -> WasmtimeComponent.compile(this, binary(bytes))));
  }

  @Override
  protected Module compileOpen(byte[] wasm) {
    return using(() -> CompileBoundary.run(() -> compileBinary(binary(wasm))));
  }

  private WasmtimeModule compileBinary(byte[] bin) {
    if (config.cache().isEmpty()) {
      return WasmtimeModule.compile(this, bin);
    }
    // The disk cache checks each entry's MAC and key before wasmtime sees it: deserialized bytes
    // are native code.
    CompilationCache cache = config.cache().get();
    // The key names the rewrite too: entries compiled without it would not count their growth.
    String key = CacheKeys.key(id(), version() + "+grow-counting-1", config.fingerprint(), bin);
    WasmtimeModule cached =
        cache
            .get(key)
            .map(b -> WasmtimeModule.deserialize(this, b, GrowCounting.minimums(bin), bin))
            .orElse(null);
    if (cached != null) {
      return cached;
    }
    WasmtimeModule m = WasmtimeModule.compile(this, bin);
    byte[] serialized = m.serialize();
    if (serialized != null) {
      cache.put(key, serialized);
    }
    return m;
  }

  @Override
  protected void validateOpen(byte[] wasm) {
    using(
        () -> {
          CompileBoundary.check(() -> validateBinary(binary(wasm)));
          return null;
        });
  }

  private void validateBinary(byte[] bin) {
    Pointer err = Wasmtime.wasmtime_module_validate(pointer(), bin, bin.length);
    if (err != null) {
      throw WasmtimeErrors.compile(Natives.consumeError(err));
    }
  }

  @Override
  protected <T> Store<T> newStoreOpen(T data, StoreConfig config) {
    return new WasmtimeStore<>(this, data, config);
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type == Pointer.class) {
      checkOpen();
      return type.cast(pointer());
    }
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new IllegalArgumentException(
        "a wasmtime engine unwraps to " + Pointer.class.getName() + " (wasm_engine_t*)");
  }

  /**
   * For logs: {@code wasmtime 49.0.0 (cranelift, FFM)}, with FFM or JNA as the binding the hot
   * calls use.
   */
  @Override
  public String toString() {
    return id()
        + " "
        + version()
        + " (cranelift, "
        + HotCalls.get().name().toUpperCase(Locale.ROOT)
        + ")";
  }

  @Override
  public InstancePre preLink(LinkedImports linked) {
    return new WasmtimeInstancePre(linked);
  }

  /**
   * No new modules or stores. The native engine is freed once the last store made from it is freed;
   * until then those stores stay usable, interruptible and bound by their deadlines.
   */
  @Override
  protected void closed() {
    lifetime.close();
  }
}
