package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.TableLimits;
import dev.wasmlayer.Caller;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Global;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Module;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.Table;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.support.StopSignal;
import dev.wasmlayer.spi.support.StoreBase;
import dev.wasmlayer.spi.support.internal.StoreLimits;
import dev.wasmlayer.types.AddressType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.wasihost.JavaWasi;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Chicory has no store: this one owns the wrappers of everything instantiated or created in it, so
 * that closing it makes all of them unusable, and maps Chicory objects back to their single wrapper
 * (so identity holds).
 */
final class ChicoryStore<T> extends StoreBase<T, ChicoryEngine>
    implements dev.wasmlayer.spi.ComponentCommands {
  /** WASI 0.2 for this store's components, made when one links it. */
  private final dev.wasmlayer.componentmodel.ComponentWasi preview2;

  private final Map<Instance, ChicoryInstance> instances = new IdentityHashMap<>();
  private final Map<com.dylibso.chicory.runtime.Memory, ChicoryMemory> memories =
      new IdentityHashMap<>();
  private final Map<GlobalInstance, ChicoryGlobal> globals = new IdentityHashMap<>();
  private final Map<TableInstance, ChicoryTable> tables = new IdentityHashMap<>();
  private final Map<Instance, Map<Integer, ChicoryFunc>> funcs = new IdentityHashMap<>();
  private final ChicoryValues values = new ChicoryValues(this);

  /**
   * The module being instantiated, so a host function called from its start section can see its
   * exports.
   */
  private ChicoryModule instantiating;

  private final ChicoryLimits limits;
  private Instance lastCallerInstance;
  private ChicoryCaller lastCaller;

  /** WASI preview 1 for this store (the layer's own, in Java), when its config asks for it. */
  private final JavaWasi wasi;

  ChicoryStore(ChicoryEngine engine, T data, StoreConfig config) {
    super(engine, data, config, StopSignal.THREAD_INTERRUPT);
    this.limits = new ChicoryLimits(config);
    this.wasi = config.wasi().map(w -> JavaWasi.create(w, runtime::stopDue)).orElse(null);
    this.preview2 = new dev.wasmlayer.componentmodel.ComponentWasi(config.wasi(), runtime::stopDue);
  }

  /** The store's WASI, or null without one. */
  JavaWasi wasi() {
    return wasi;
  }

  /**
   * Chicory's interpreter checks the thread's interrupt flag only at calls and unconditional
   * branches, so a loop closed by {@code br_if} (what C compilers emit) could not be stopped. The
   * listener, which the interpreter calls before every instruction (compiled code never does), adds
   * the check at conditional branches.
   */
  private static final ExecutionListener LOOP_STOP_CHECK =
      (instruction, stack) -> {
        OpCode op = instruction.opcode();
        if ((op == OpCode.BR_IF || op == OpCode.BR_TABLE)
            && Thread.currentThread().isInterrupted()) {
          throw new ChicoryInterruptedException("Thread interrupted");
        }
      };

  @Override
  public ChicoryInstance instantiate(Module module, Imports imports) {
    ChicoryModule m = own(module, imports, ChicoryModule.class);
    m.checkOpen();
    ImportValues values = new ChicoryLinker(this, m).link(imports);
    Instance.Builder builder =
        Instance.builder(m.wasmModule())
            .withImportValues(values)
            .withStart(false)
            .withTableFactory(limits.tables(m.tableFactory()))
            .withMemoryFactory(limits::memory)
            .withUnsafeExecutionListener(LOOP_STOP_CHECK);
    if (m.machineFactory() != null) {
      builder.withMachineFactory(m.machineFactory());
    }
    StoreLimits.Reservation reserved = limits.reservation();
    long gate = enterCall();
    ChicoryModule outer = instantiating;
    instantiating = m;
    try {
      limits.reserve(reserved, m.wasmModule());
      return wrap(builder.build());
    } catch (RuntimeException | StackOverflowError e) {
      throw reserved.failed(ChicoryErrors.instantiate(e));
    } finally {
      instantiating = outer;
      exitCall(gate);
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

  /**
   * The caller view for a host function invoked by {@code instance}; cached, since calls come in
   * runs.
   */
  Caller<Object> caller(Instance instance) {
    if (instance != lastCallerInstance) {
      lastCaller = new ChicoryCaller(this, wrap(instance));
      lastCallerInstance = instance;
    }
    return lastCaller;
  }

  ChicoryValues values() {
    return values;
  }

  /**
   * The one wrapper of function {@code index} of {@code instance}; exports pass Chicory's own
   * export handle.
   */
  ChicoryFunc func(Instance instance, int index, String exportName) {
    Map<Integer, ChicoryFunc> byIndex = funcs.computeIfAbsent(instance, i -> new HashMap<>());
    ChicoryFunc f = byIndex.get(index);
    if (f == null) {
      FuncType type = ChicoryTypes.fromChicory(instance.type(instance.functionType(index)));
      ExportFunction call =
          exportName != null
              ? instance.export(exportName)
              : args -> instance.getMachine().call(index, args);
      f =
          new ChicoryFunc(
              this,
              instance,
              index,
              type,
              exportName != null ? exportName : "func[" + index + "]",
              call);
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
  protected dev.wasmlayer.component.ComponentInstance instantiateComponent(
      dev.wasmlayer.Component component, dev.wasmlayer.component.ComponentImports imports) {
    return dev.wasmlayer.componentmodel.JavaComponents.instantiate(
        this, component, imports, preview2);
  }

  @Override
  public int runCommand(dev.wasmlayer.Component command) {
    if (command.engine() != engine) {
      throw new IllegalArgumentException("the component was compiled by another engine");
    }
    return dev.wasmlayer.componentmodel.JavaComponents.runCommand(this, command, preview2);
  }

  @Override
  protected Memory createMemory(MemoryType type) {
    return wrap(limits.hostMemory(ChicoryTypes.toChicory(type)));
  }

  @Override
  protected Global createGlobal(GlobalType type, Value initial) {
    values.check(initial, type.content(), "initial value");
    GlobalInstance g =
        new GlobalInstance(
            0,
            0,
            ChicoryTypes.toChicory(type.content()),
            type.mutable() ? MutabilityType.Var : MutabilityType.Const);
    ChicoryGlobal wrapped = wrap(g);
    wrapped.store(initial);
    return wrapped;
  }

  @Override
  protected Table createTable(TableType type, Value initial) {
    values.check(initial, type.element(), "initial element");
    if (type.addressType() == AddressType.I64) {
      throw new UnsupportedFeatureException(Feature.MEMORY64, engine.id(), "a 64-bit table");
    }
    long max = type.maximum().orElse(TableLimits.LIMIT_MAX);
    TableInstance t =
        limits.hostTable(
            new com.dylibso.chicory.wasm.types.Table(
                ChicoryTypes.toChicory(type.element()), new TableLimits(type.minimum(), max)),
            com.dylibso.chicory.wasm.types.Value.REF_NULL_VALUE);
    ChicoryTable wrapped = wrap(t);
    wrapped.fill(0, type.minimum(), initial);
    return wrapped;
  }

  @Override
  public <U> U unwrap(Class<U> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new IllegalArgumentException(
        "Chicory has no store object; cannot unwrap to " + type.getName());
  }

  @Override
  protected void free() {
    super.free();
    preview2.close();
    instances.clear();
    memories.clear();
    globals.clear();
    tables.clear();
    funcs.clear();
    values.clear();
    lastCaller = null;
    lastCallerInstance = null;
    if (wasi != null) {
      wasi.close();
    }
  }
}
