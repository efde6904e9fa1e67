package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.TableLimits;
import dev.wasmlayer.Caller;
import dev.wasmlayer.Engine;
import dev.wasmlayer.Global;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.Table;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.Feature;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.TableType;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Chicory has no store: this one owns the wrappers of everything instantiated or created in it, so that closing it
 * makes all of them unusable, and maps Chicory objects back to their single wrapper (so identity holds).
 */
final class ChicoryStore<T> implements Store<T> {
  private final ChicoryEngine engine;
  private final StoreConfig config;
  private T data;
  /** Plain field: a store is used by one thread at a time, and this check sits on every call. */
  private boolean closed;

  private final Map<Instance, ChicoryInstance> instances = new IdentityHashMap<>();
  private final Map<com.dylibso.chicory.runtime.Memory, ChicoryMemory> memories = new IdentityHashMap<>();
  private final Map<GlobalInstance, ChicoryGlobal> globals = new IdentityHashMap<>();
  private final Map<TableInstance, ChicoryTable> tables = new IdentityHashMap<>();
  private final Map<Instance, Map<Integer, ChicoryFunc>> funcs = new IdentityHashMap<>();
  private final ChicoryValues values = new ChicoryValues(this);
  /** The module being instantiated, so a host function called from its start section can see its exports. */
  private ChicoryModule instantiating;
  /**
   * The thread running this store's top-level call, for {@link #interrupt()} from another thread. Written with release
   * and read with acquire (a plain store on x86) rather than volatile: a volatile write per call would cost a fence,
   * several nanoseconds on a call that otherwise costs five.
   */
  private Thread running;
  private static final java.lang.invoke.VarHandle RUNNING;

  static {
    try {
      RUNNING = java.lang.invoke.MethodHandles.lookup().findVarHandle(ChicoryStore.class, "running", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
  private volatile boolean interruptedByUs;
  private int depth;
  private java.util.concurrent.ScheduledFuture<?> deadline;
  private final long deadlineNanos;
  private final ChicoryLimits limits;
  private Instance lastCallerInstance;
  private ChicoryCaller lastCaller;
  /** WASI preview 1 for this store, when its config asks for it. */
  private final ChicoryWasi wasi;

  ChicoryStore(ChicoryEngine engine, T data, StoreConfig config) {
    this.engine = engine;
    this.data = data;
    this.config = config;
    this.deadlineNanos = config.deadline().map(java.time.Duration::toNanos).orElse(0L);
    this.limits = new ChicoryLimits(config);
    this.wasi = config.wasi().map(ChicoryWasi::new).orElse(null);
  }

  /** The store's WASI, or null without one. */
  ChicoryWasi wasi() {
    return wasi;
  }

  /** Before code runs at the top level: remember the thread, and arm this call's deadline. */
  void enter() {
    Thread r = (Thread) RUNNING.getAcquire(this);
    if (r != null && r != Thread.currentThread()) {
      throw new IllegalStateException("Store is in use by a call on thread '" + r.getName()
          + "'; a store is used by one thread at a time");
    }
    if (depth++ == 0) {
      RUNNING.setRelease(this, Thread.currentThread());
      if (deadlineNanos > 0) {
        deadline = Deadlines.schedule(this::interrupt, deadlineNanos);
      }
    }
  }

  /** After the top-level call: disarm, and clear an interrupt we caused so it never leaks into the caller. */
  void exit() {
    if (--depth == 0) {
      if (deadline != null) {
        deadline.cancel(false);
        deadline = null;
      }
      RUNNING.setRelease(this, null);
      if (interruptedByUs) {
        interruptedByUs = false;
        Thread.interrupted();
      }
    }
  }

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("Store is closed");
    }
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
  public ChicoryInstance instantiate(Module module, Imports imports) {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(imports, "imports");
    checkOpen();
    if (!(module instanceof ChicoryModule)) {
      throw new IllegalArgumentException("module was compiled by engine '" + module.engine().id()
          + "'; this store belongs to engine 'chicory'");
    }
    ChicoryModule m = (ChicoryModule) module;
    m.checkOpen();
    ImportValues values = new ChicoryLinker(this, m).link(imports);
    Instance.Builder builder = Instance.builder(m.wasmModule()).withImportValues(values).withStart(false)
        .withTableFactory(limits.tables(m.tableFactory())).withMemoryFactory(limits::memory);
    if (m.machineFactory() != null) {
      builder.withMachineFactory(m.machineFactory());
    }
    dev.wasmlayer.internal.StoreLimits.Reservation reserved = limits.reservation();
    ChicoryModule outer = instantiating;
    instantiating = m;
    enter();
    try {
      limits.reserve(reserved, m.wasmModule());
      return wrap(builder.build());
    } catch (RuntimeException | StackOverflowError e) {
      throw reserved.failed(ChicoryErrors.instantiate(e));
    } finally {
      exit();
      instantiating = outer;
    }
  }

  /** The one wrapper of a Chicory instance of this store. */
  ChicoryInstance wrap(Instance instance) {
    ChicoryInstance wrapped = instances.get(instance);
    if (wrapped == null) {
      if (instantiating == null) {
        throw new IllegalStateException("instance does not belong to this store");
      }
      wrapped = new ChicoryInstance(this, instantiating, instance);
      instances.put(instance, wrapped);
    }
    return wrapped;
  }

  /** The caller view for a host function invoked by {@code instance}; cached, since calls come in runs. */
  Caller caller(Instance instance) {
    if (instance != lastCallerInstance) {
      lastCaller = new ChicoryCaller(this, wrap(instance));
      lastCallerInstance = instance;
    }
    return lastCaller;
  }

  ChicoryValues values() {
    return values;
  }

  /** The one wrapper of function {@code index} of {@code instance}; exports pass Chicory's own export handle. */
  ChicoryFunc func(Instance instance, int index, String exportName) {
    Map<Integer, ChicoryFunc> byIndex = funcs.computeIfAbsent(instance, i -> new java.util.HashMap<>());
    ChicoryFunc f = byIndex.get(index);
    if (f == null) {
      FuncType type = ChicoryTypes.fromChicory(instance.type(instance.functionType(index)));
      ExportFunction call = exportName != null
          ? instance.export(exportName)
          : args -> instance.getMachine().call(index, args);
      f = new ChicoryFunc(this, instance, index, type, exportName != null ? exportName : "func[" + index + "]", call);
      byIndex.put(index, f);
    }
    return f;
  }

  /** A function reached by reference (table, global, funcref result). */
  ChicoryFunc func(Instance instance, int index) {
    if (instance == null) {
      throw new IllegalStateException("funcref " + index + " has no owning instance");
    }
    return func(instance, index, null);
  }

  ChicoryTable wrap(TableInstance table) {
    return tables.computeIfAbsent(table, t -> new ChicoryTable(this, t));
  }

  ChicoryMemory wrap(com.dylibso.chicory.runtime.Memory memory) {
    return memories.computeIfAbsent(memory, m -> new ChicoryMemory(this, m));
  }

  ChicoryGlobal wrap(GlobalInstance global) {
    return globals.computeIfAbsent(global, g -> new ChicoryGlobal(this, g));
  }

  @Override
  public Memory newMemory(MemoryType type) {
    Objects.requireNonNull(type, "type");
    checkOpen();
    return wrap(limits.hostMemory(ChicoryTypes.toChicory(type)));
  }

  @Override
  public Global newGlobal(GlobalType type, Value initial) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(initial, "initial");
    checkOpen();
    values.check(initial, type.content(), "initial value");
    GlobalInstance g = new GlobalInstance(0, 0, ChicoryTypes.toChicory(type.content()),
        type.mutable() ? MutabilityType.Var : MutabilityType.Const);
    ChicoryGlobal wrapped = wrap(g);
    wrapped.store(initial);
    return wrapped;
  }

  @Override
  public Table newTable(TableType type, Value initial) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(initial, "initial");
    checkOpen();
    values.check(initial, type.element(), "initial element");
    if (type.addressType() == dev.wasmlayer.types.AddressType.I64) {
      throw new UnsupportedFeatureException(Feature.MEMORY64, engine.id(), "a 64-bit table");
    }
    long max = type.maximum().orElse(TableLimits.LIMIT_MAX);
    TableInstance t = limits.hostTable(
        new com.dylibso.chicory.wasm.types.Table(ChicoryTypes.toChicory(type.element()),
            new TableLimits(type.minimum(), max)),
        (int) com.dylibso.chicory.wasm.types.Value.REF_NULL_VALUE);
    ChicoryTable wrapped = wrap(t);
    wrapped.fill(0, type.minimum(), initial);
    return wrapped;
  }

  /**
   * Safe from any thread: interrupts the thread running this store's call; Chicory checks the flag as it runs and
   * stops with ChicoryInterruptedException. With nothing running the request is dropped.
   */
  @Override
  public void interrupt() {
    Thread t = (Thread) RUNNING.getAcquire(this);
    if (t != null) {
      interruptedByUs = true;
      t.interrupt();
    }
  }

  @Override
  public long fuel() {
    throw new UnsupportedFeatureException(Feature.FUEL, engine.id(), "Store.fuel()");
  }

  @Override
  public void setFuel(long fuel) {
    throw new UnsupportedFeatureException(Feature.FUEL, engine.id(), "Store.setFuel()");
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <U> U unwrap(Class<U> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new IllegalArgumentException("Chicory has no store object; cannot unwrap to " + type.getName());
  }

  /** Closing also stops a call running on another thread (it ends with an INTERRUPTED trap). */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      Thread t = (Thread) RUNNING.getAcquire(this);
      if (t != null && t != Thread.currentThread()) {
        interrupt();
      }
      instances.clear();
      memories.clear();
      globals.clear();
      tables.clear();
      funcs.clear();
      values.clear();
      lastCaller = null;
      lastCallerInstance = null;
      data = null;
      if (wasi != null) {
        wasi.close();
      }
    }
  }
}
