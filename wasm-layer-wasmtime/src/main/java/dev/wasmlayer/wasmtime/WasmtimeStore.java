package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.Engine;
import dev.wasmlayer.Global;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.Table;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.internal.Budget;
import dev.wasmlayer.internal.StoreLimits;
import dev.wasmlayer.spi.Feature;
import dev.wasmlayer.types.AddressType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.lang.ref.Cleaner;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code wasmtime_store_t}. It keeps every host callback strongly reachable for as long as wasmtime may call it (until
 * the store is deleted), holds a Java exception a host function threw until the call returns, and maps wasmtime's
 * function handles back to one wrapper each.
 */
final class WasmtimeStore<T> implements Store<T> {
  private final WasmtimeEngine engine;
  private final StoreConfig config;
  private final Pointer store;
  private final Pointer context;
  private final Cleaner.Cleanable cleanable;
  private final WasmtimeValues values = new WasmtimeValues(this);
  private final Map<FuncKey, WasmtimeFunc> funcs = new HashMap<>();
  private T data;
  private Throwable hostFailure;
  /** Interrupt request and call deadline, shared with the epoch callback registry (which must not hold the store). */
  private final EpochState epoch = new EpochState();
  private final long deadlineNanos;
  private int depth;
  /**
   * Volatile, with {@link #running}: together they make close() from another thread safe against a call starting at
   * the same moment (each side writes its own flag, then reads the other's). Next to a native call, a volatile read is
   * free.
   */
  private volatile boolean closed;
  /** The thread running a top-level call, or null. */
  private volatile Thread running;
  /** Set when close() came while a call ran: the last exit() frees the store instead. */
  private boolean freeOnExit;
  /** WASI preview 1, when the config asks for it; its linker is freed with the store. */
  private final WasmtimeWasi wasi;
  /** The store-wide memory and table caps; wasmtime's limiter below only bounds each memory and table alone. */
  private final StoreLimits limits;

  /** A function handle's identity: {@code wasmtime_func_t} is (store id, private index). */
  private record FuncKey(long storeId, long index) {}

  WasmtimeStore(WasmtimeEngine engine, T data, StoreConfig config) {
    this.engine = engine;
    this.data = data;
    this.config = config;
    this.store = Wasmtime.wasmtime_store_new(engine.pointer(), null, null);
    if (store == null) {
      throw new IllegalStateException("wasmtime could not create a store");
    }
    this.context = Wasmtime.wasmtime_store_context(store);
    this.deadlineNanos = config.deadline().map(java.time.Duration::toNanos).orElse(0L);
    EngineConfigView ec = new EngineConfigView(engine.config());
    Pointer env = ec.interruption ? HostCallbacks.registerStore(epoch::onEpoch) : null;
    Pointer s = store;
    // The safety net captures only native handles and the registry key, never this store.
    this.cleanable = WasmtimeEngine.CLEANER.register(this, () -> {
      Wasmtime.wasmtime_store_delete(s);
      if (env != null) {
        HostCallbacks.unregisterStore(env);
      }
    });
    if (ec.interruption) {
      Wasmtime.wasmtime_store_epoch_deadline_callback(store, HostCallbacks.EPOCH, env, null);
      Wasmtime.wasmtime_context_set_epoch_deadline(context, 1);
      if (deadlineNanos > 0) {
        engine.startTicker();
      }
    }
    if (ec.fuel) {
      setFuelNative(config.fuel().orElse(Long.MAX_VALUE));
    }
    this.limits = new StoreLimits(config);
    Wasmtime.wasmtime_store_limiter(store, config.maxMemoryBytes().orElse(-1),
        config.maxTableElements() == Long.MAX_VALUE ? -1 : config.maxTableElements(), -1, -1, -1);
    this.wasi = config.wasi().map(w -> new WasmtimeWasi(engine.pointer(), context, w)).orElse(null);
  }

  /** The store's WASI, or null without one. */
  WasmtimeWasi wasi() {
    return wasi;
  }

  /** The two engine settings a store needs, read once. */
  private static final class EngineConfigView {
    final boolean interruption;
    final boolean fuel;

    EngineConfigView(dev.wasmlayer.EngineConfig c) {
      this.interruption = c.interruption();
      this.fuel = c.fuel();
    }
  }

  static final String INTERRUPTED = "wasm-layer: interrupted";

  /** The flags the epoch callback reads; kept apart from the store so the callback registry does not pin it. */
  private static final class EpochState {
    volatile boolean interruptRequested;
    /** When the current top-level call must stop (System.nanoTime), or 0. */
    volatile long callDeadline;

    /** At each epoch tick while code runs: stop (an error) when asked to or past the deadline, else go on. */
    Pointer onEpoch(Pointer delta, Pointer kind) {
      long deadline = callDeadline;
      if (interruptRequested || (deadline != 0 && System.nanoTime() - deadline > 0)) {
        interruptRequested = false;
        return Wasmtime.wasmtime_error_new(INTERRUPTED);
      }
      delta.setLong(0, 1);
      kind.setByte(0, (byte) 0);
      return null;
    }
  }

  /** Before code runs at the top level: a fresh interrupt state and this call's deadline. */
  void enter() {
    Thread me = Thread.currentThread();
    Thread r = running;
    if (r != null && r != me) {
      throw new IllegalStateException("Store is in use by a call on thread '" + r.getName()
          + "'; a store is used by one thread at a time");
    }
    if (depth++ == 0) {
      running = me;
      if (closed) {
        depth--;
        running = null;
        throw new IllegalStateException("Store is closed");
      }
      if (epoch.interruptRequested) { // written only when set: a volatile write per call costs a fence
        epoch.interruptRequested = false;
      }
      if (deadlineNanos > 0) {
        epoch.callDeadline = System.nanoTime() + deadlineNanos;
      }
    }
  }

  void exit() {
    if (--depth == 0) {
      if (epoch.interruptRequested) {
        epoch.interruptRequested = false;
      }
      if (deadlineNanos > 0) {
        epoch.callDeadline = 0;
      }
      running = null;
      if (freeOnExit) {
        free();
      }
    }
  }

  /** The out-parameter for a call's trap, reused (a store runs on one thread; JNA copies it around each call). */
  long[] trapSlot() {
    trapSlot[0] = 0;
    return trapSlot;
  }

  private final long[] trapSlot = new long[1];

  boolean hasMemoryCap() {
    return config.maxMemoryBytes().isPresent();
  }

  StoreLimits limits() {
    return limits;
  }

  private void setFuelNative(long fuel) {
    Pointer err = Wasmtime.wasmtime_context_set_fuel(context, fuel);
    if (err != null) {
      throw new IllegalStateException("wasmtime refused the fuel: " + Natives.consumeError(err));
    }
  }

  private void requireFuel() {
    if (!engine.config().fuel()) {
      throw new IllegalStateException("fuel is not enabled: create the engine with EngineConfig.builder().fuel(true)");
    }
  }

  @Override
  public long fuel() {
    checkOpen();
    requireFuel();
    long[] out = new long[1];
    Pointer err = Wasmtime.wasmtime_context_get_fuel(context, out);
    if (err != null) {
      throw new IllegalStateException("wasmtime could not read the fuel: " + Natives.consumeError(err));
    }
    return out[0];
  }

  @Override
  public void setFuel(long fuel) {
    checkOpen();
    requireFuel();
    if (fuel < 0) {
      throw new IllegalArgumentException("fuel must be >= 0");
    }
    setFuelNative(fuel);
  }

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("Store is closed");
    }
  }

  Pointer context() {
    return context;
  }

  WasmtimeValues values() {
    return values;
  }

  /** Called from a host callback: the exception to rethrow when the call returns. */
  void hostFailed(Throwable t) {
    if (hostFailure == null) {
      hostFailure = t;
    }
  }

  Throwable takeHostFailure() {
    Throwable t = hostFailure;
    hostFailure = null;
    return t;
  }

  /** The one wrapper of the {@code wasmtime_func_t} at {@code at}. */
  WasmtimeFunc func(Pointer at) {
    FuncKey key = new FuncKey(at.getLong(0), at.getLong(8));
    WasmtimeFunc f = funcs.get(key);
    if (f == null) {
      Memory struct = Natives.alloc(Layout.FUNC_SIZE);
      struct.write(0, at.getByteArray(0, Layout.FUNC_SIZE), 0, Layout.FUNC_SIZE);
      Pointer ft = Wasmtime.wasmtime_func_type(context, struct);
      try {
        f = new WasmtimeFunc(this, struct, WasmtimeTypes.funcType(ft), "func");
      } finally {
        Wasmtime.wasm_functype_delete(ft);
      }
      funcs.put(key, f);
    }
    return f;
  }

  @Override
  public Engine engine() {
    return engine;
  }

  @Override
  public T data() {
    checkOpen();
    return data;
  }

  @Override
  public void setData(T data) {
    checkOpen();
    this.data = data;
  }

  @Override
  public StoreConfig config() {
    return config;
  }

  @Override
  public WasmtimeInstance instantiate(Module module, Imports imports) {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(imports, "imports");
    checkOpen();
    if (!(module instanceof WasmtimeModule)) {
      throw new IllegalArgumentException("module was compiled by engine '" + module.engine().id()
          + "'; this store belongs to engine 'wasmtime'");
    }
    return new WasmtimeLinker(this, (WasmtimeModule) module).instantiate(imports);
  }

  @Override
  public WasmtimeMemory newMemory(MemoryType type) {
    Objects.requireNonNull(type, "type");
    checkOpen();
    long[] mt = new long[1];
    Pointer err = Wasmtime.wasmtime_memorytype_new(type.minimum(), (byte) (type.maximum().isPresent() ? 1 : 0),
        type.maximum().orElse(0), (byte) (type.addressType() == AddressType.I64 ? 1 : 0),
        (byte) (type.shared() ? 1 : 0), (byte) 16, mt);
    if (err != null) {
      throw new IllegalArgumentException("wasmtime rejects " + type + ": " + Natives.consumeError(err));
    }
    if (type.shared()) {
      Wasmtime.wasm_memorytype_delete(Natives.pointer(mt));
      throw new UnsupportedFeatureException(Feature.THREADS, engine.id(), "host-created shared memories");
    }
    long bytes = Budget.bytes(type.minimum(), MemoryType.PAGE_SIZE);
    try {
      limits.memory().take(bytes, "a memory of " + type.minimum() + " pages");
    } catch (RuntimeException e) {
      Wasmtime.wasm_memorytype_delete(Natives.pointer(mt));
      throw e;
    }
    Memory struct = Natives.alloc(Layout.MEMORY_SIZE);
    try {
      err = Wasmtime.wasmtime_memory_new(context, Natives.pointer(mt), struct);
    } finally {
      Wasmtime.wasm_memorytype_delete(Natives.pointer(mt));
    }
    if (err != null) {
      String why = Natives.consumeError(err);
      limits.memory().give(bytes);
      if (WasmtimeErrors.outOfAddressSpace(why)) { // the cap was checked above; this is the process running out
        throw new dev.wasmlayer.LimitException("wasmtime cannot reserve address space for " + type
            + " (too many live memories in the process): " + why);
      }
      throw new IllegalArgumentException("wasmtime cannot create " + type + ": " + why);
    }
    return new WasmtimeMemory(this, struct);
  }

  @Override
  public Global newGlobal(GlobalType type, Value initial) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(initial, "initial");
    checkOpen();
    values.check(initial, type.content(), "initial value");
    Pointer gt = Wasmtime.wasm_globaltype_new(WasmtimeTypes.toNative(type.content()), (byte) (type.mutable() ? 1 : 0));
    Memory val = Natives.alloc(Layout.VAL_SIZE);
    Memory struct = Natives.alloc(Layout.GLOBAL_SIZE);
    boolean rooted = values.write(initial, type.content(), val);
    Pointer err;
    try {
      err = Wasmtime.wasmtime_global_new(context, gt, val, struct);
    } finally {
      Wasmtime.wasm_globaltype_delete(gt);
      if (rooted) {
        WasmtimeValues.release(val);
      }
    }
    if (err != null) {
      throw new IllegalArgumentException("wasmtime cannot create " + type + ": " + Natives.consumeError(err));
    }
    return new WasmtimeGlobal(this, struct, type);
  }

  @Override
  public Table newTable(TableType type, Value initial) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(initial, "initial");
    checkOpen();
    values.check(initial, type.element(), "initial element");
    if (type.addressType() == AddressType.I64) {
      throw new UnsupportedFeatureException(Feature.MEMORY64, engine.id(), "host-created 64-bit tables");
    }
    this.limits.tables().take(type.minimum(), "a table of " + type.minimum() + " elements");
    Memory limits = Natives.alloc(Layout.LIMITS_SIZE);
    limits.setInt(0, (int) type.minimum());
    limits.setInt(4, (int) type.maximum().orElse(0xFFFF_FFFFL));
    Pointer tt = Wasmtime.wasm_tabletype_new(WasmtimeTypes.toNative(type.element()), limits);
    Memory val = Natives.alloc(Layout.VAL_SIZE);
    Memory struct = Natives.alloc(Layout.MEMORY_SIZE);
    boolean rooted = values.write(initial, type.element(), val);
    Pointer err;
    try {
      err = Wasmtime.wasmtime_table_new(context, tt, val, struct);
    } finally {
      Wasmtime.wasm_tabletype_delete(tt);
      if (rooted) {
        WasmtimeValues.release(val);
      }
    }
    if (err != null) {
      this.limits.tables().give(type.minimum());
      throw new IllegalArgumentException("wasmtime cannot create " + type + ": " + Natives.consumeError(err));
    }
    return new WasmtimeTable(this, struct);
  }

  /** Safe from any thread: raises the flag and advances the epoch so the running code looks at it now. */
  @Override
  public void interrupt() {
    if (!engine.config().interruption()) {
      throw new IllegalStateException("interruption is not enabled: create the engine with "
          + "EngineConfig.builder().interruption(true)");
    }
    if (running == null) {
      return; // nothing runs; the request is dropped, as the API says
    }
    epoch.interruptRequested = true;
    engine.kick();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <U> U unwrap(Class<U> type) {
    checkOpen();
    if (type == Pointer.class) {
      return type.cast(store);
    }
    throw new IllegalArgumentException("a wasmtime store unwraps to " + Pointer.class.getName() + " (wasmtime_store_t*)");
  }

  /**
   * Closes the store. If a call is running (on another thread, or this close comes from inside a host function), the
   * store is freed when that call returns, never under it; a running call on another thread is interrupted when the
   * engine has interruption enabled, so it returns soon with an INTERRUPTED trap.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Thread r = running;
    if (r == null) {
      free();
      return;
    }
    synchronized (this) {
      freeOnExit = true;
    }
    if (r != Thread.currentThread() && engine.config().interruption()) {
      epoch.interruptRequested = true;
      engine.kick();
    }
    if (running == null) { // the call ended while we set the flag
      free();
    }
  }

  /** Deletes the store (which runs wasmtime's finalizers), then lets go of the callbacks and rooted objects. */
  private synchronized void free() {
    if (cleanable != null && !freed) {
      freed = true;
      if (wasi != null) {
        wasi.close();
      }
      cleanable.clean();
      funcs.clear();
      values.clear();
      data = null;
    }
  }

  private boolean freed;
}
