package dev.wasmlayer.graalwasm;

import dev.wasmlayer.Feature;
import dev.wasmlayer.Func;
import dev.wasmlayer.Global;
import dev.wasmlayer.Imports;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Module;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.Table;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.support.Checks;
import dev.wasmlayer.spi.support.StopSignal;
import dev.wasmlayer.spi.support.StoreBase;
import dev.wasmlayer.spi.support.internal.Budget;
import dev.wasmlayer.spi.support.internal.StoreLimits;
import dev.wasmlayer.types.AddressType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.types.VecType;
import dev.wasmlayer.wasihost.JavaWasi;
import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;

/**
 * A store is one polyglot {@link Context} on the engine's shared polyglot engine. It owns the
 * wrappers of everything made in it (one per guest object, so identity holds) and closing it closes
 * the Context.
 */
final class GraalWasmStore<T> extends StoreBase<T, GraalWasmEngine>
    implements dev.wasmlayer.spi.ComponentCommands {
  /** WASI 0.2 for this store's components, made when one links it. */
  private final dev.wasmlayer.componentmodel.ComponentWasi preview2;

  private final Context context;
  private final WebAssembly wa;
  private final GraalWasmValues values = new GraalWasmValues(this);
  private final Vectors vectors;

  private final Map<GraalWasmModule, org.graalvm.polyglot.Value> evaluated =
      new IdentityHashMap<>();
  private final Map<org.graalvm.polyglot.Value, GraalWasmFunc> funcs = new HashMap<>();
  private final Map<org.graalvm.polyglot.Value, GraalWasmMemory> memories = new HashMap<>();
  private final Map<org.graalvm.polyglot.Value, GraalWasmGlobal> globals = new HashMap<>();
  private final Map<org.graalvm.polyglot.Value, GraalWasmTable> tables = new HashMap<>();

  /** The memory cap in pages, or -1 for none. */
  private final long capPages;

  /** WASI preview 1 for this store (the layer's own, in Java), when its config asks for it. */
  private final JavaWasi wasi;

  /** The store-wide memory and table caps. */
  private final StoreLimits limits;

  GraalWasmStore(GraalWasmEngine engine, T data, StoreConfig config) {
    this(engine, data, config, newContext(engine));
  }

  private GraalWasmStore(GraalWasmEngine engine, T data, StoreConfig config, Context context) {
    super(engine, data, config, new ContextSignal(context));
    this.context = context;
    this.capPages =
        config.maxMemoryBytes().isPresent()
            ? Math.min(
                config.maxMemoryBytes().getAsLong() / MemoryType.PAGE_SIZE, WebAssembly.MAX_PAGES)
            : -1;
    this.limits = new StoreLimits(config);
    try {
      context.initialize("wasm");
      this.wa = new WebAssembly(context.getPolyglotBindings().getMember("WebAssembly"));
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
    this.vectors = new Vectors(context);
    this.wasi = config.wasi().map(w -> JavaWasi.create(w, runtime::stopDue)).orElse(null);
    this.preview2 = new dev.wasmlayer.componentmodel.ComponentWasi(config.wasi(), runtime::stopDue);
  }

  /**
   * Polyglot access exposes GraalWasm's WebAssembly object (memories, globals, tables from the
   * host).
   */
  private static Context newContext(GraalWasmEngine engine) {
    return Context.newBuilder("wasm")
        .engine(engine.polyglot())
        .allowPolyglotAccess(PolyglotAccess.ALL)
        .build();
  }

  /**
   * Stops running code with {@code Context.interrupt}, which waits until the code has left the
   * Context (so it runs on the runtime's timer or the stopping thread, never the owner) and also
   * interrupts the thread. It waits at most {@link #WAIT}: past that Truffle withdraws the
   * interrupt and the runtime tries again at its next tick, so a stop never blocks the owner
   * (waiting to enter host code) for longer. The thread flag an attempt may leave is cleared when a
   * host function starts and when the call ends.
   */
  private record ContextSignal(Context context) implements StopSignal {
    private static final Duration WAIT = Duration.ofMillis(5);

    @Override
    public boolean raise(Thread owner) {
      try {
        context.interrupt(WAIT);
        return true;
      } catch (TimeoutException notYet) {
        return false;
      } catch (IllegalStateException | PolyglotException e) {
        return true; // the call ended, or the context closed, meanwhile
      }
    }

    @Override
    public void lower() {
      Thread.interrupted();
    }

    @Override
    public boolean reachesHostCode() {
      return true;
    }

    @Override
    public boolean raisesOnOwnerThread() {
      return false; // Context.interrupt from the thread running the context would wait for itself
    }
  }

  JavaWasi wasi() {
    return wasi;
  }

  GraalWasmValues values() {
    return values;
  }

  Vectors vectors() {
    return vectors;
  }

  WebAssembly wa() {
    return wa;
  }

  StoreLimits limits() {
    return limits;
  }

  @Override
  public GraalWasmInstance instantiate(Module module, Imports imports) {
    GraalWasmModule m = own(module, imports, GraalWasmModule.class);
    m.checkOpen();
    GraalWasmInstance.Slot slot = new GraalWasmInstance.Slot();
    StoreLimits.Reservation reserved = limits.reservation();
    long gate = enterCall();
    try {
      Object importObject = new GraalWasmLinker(this, m, slot).link(imports);
      reserved.take(m.minimums());
      org.graalvm.polyglot.Value moduleValue = evaluated.get(m);
      if (moduleValue == null) {
        moduleValue = context.eval(m.source(capPages, capDescription()));
        evaluated.put(m, moduleValue);
      }
      org.graalvm.polyglot.Value instance = moduleValue.newInstance(importObject);
      GraalWasmInstance wrapped = new GraalWasmInstance(this, m, instance.getMember("exports"));
      slot.set(wrapped);
      return wrapped;
    } catch (RuntimeException e) {
      throw reserved.failed(GraalWasmErrors.instantiate(e));
    } catch (StackOverflowError e) {
      throw new TrapException(TrapKind.STACK_OVERFLOW, "call stack exhausted", e);
    } finally {
      exitCall(gate);
    }
  }

  /** The one wrapper of a guest function; {@code type} when known, else GraalWasm is asked. */
  GraalWasmFunc func(org.graalvm.polyglot.Value fn, FuncType type) {
    GraalWasmFunc f = funcs.get(fn);
    if (f == null) {
      FuncType t = type != null ? type : FuncTypes.parse(wa.funcType(fn));
      f = new GraalWasmFunc(this, fn, t);
      funcs.put(fn, f);
    }
    return f;
  }

  GraalWasmMemory memory(org.graalvm.polyglot.Value mem, MemoryType declared) {
    return memories.computeIfAbsent(mem, m -> new GraalWasmMemory(this, m, capped(declared)));
  }

  /** A memory type as this store enforces it: the maximum lowered to the store's cap. */
  private MemoryType capped(MemoryType type) {
    if (capPages < 0 || (type.maximum().isPresent() && type.maximum().getAsLong() <= capPages)) {
      return type;
    }
    return new MemoryType(
        type.minimum(), OptionalLong.of(capPages), type.addressType(), type.shared());
  }

  private String capDescription() {
    return config().maxMemoryBytes().isPresent()
        ? config().maxMemoryBytes().getAsLong() + " bytes"
        : "none";
  }

  GraalWasmGlobal global(org.graalvm.polyglot.Value g, GlobalType type) {
    return globals.computeIfAbsent(g, x -> new GraalWasmGlobal(this, x, type));
  }

  GraalWasmTable table(org.graalvm.polyglot.Value t, TableType type) {
    return tables.computeIfAbsent(t, x -> new GraalWasmTable(this, x, type));
  }

  /** The guest function behind a funcref argument, which must come from this store. */
  org.graalvm.polyglot.Value guestFunction(Func f) {
    if (!(f instanceof GraalWasmFunc g) || g.store() != this) {
      throw new IllegalArgumentException("funcref to " + f + " belongs to another store or engine");
    }
    return g.guest();
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
    if (type.addressType() == AddressType.I64) {
      throw new UnsupportedFeatureException(Feature.MEMORY64, engine.id(), "a 64-bit memory");
    }
    if (type.shared()) {
      throw new UnsupportedFeatureException(Feature.THREADS, engine.id(), "a shared memory");
    }
    if (capPages >= 0 && type.minimum() > capPages) {
      throw new LimitException(
          "a memory of "
              + type.minimum()
              + " pages exceeds the store's memory cap "
              + "of "
              + capDescription()
              + " ("
              + capPages
              + " pages)");
    }
    MemoryType enforced = capped(type);
    long bytes = Budget.bytes(type.minimum(), MemoryType.PAGE_SIZE);
    limits.memory().take(bytes, "a memory of " + type.minimum() + " pages");
    try {
      return memory(wa.memAlloc(enforced), enforced);
    } catch (RuntimeException e) {
      limits.memory().give(bytes);
      throw GraalWasmErrors.allocation(e, type.toString());
    }
  }

  @Override
  protected Global createGlobal(GlobalType type, Value initial) {
    if (type.content() == VecType.V128) {
      Checks.value(type.content(), initial, "initial value");
      return global(vectors.global(type.mutable(), initial.v128Low(), initial.v128High()), type);
    }
    Object guest = values.toGuest(type.content(), initial, "initial value");
    return global(wa.globalAlloc(type, guest), type);
  }

  @Override
  protected Table createTable(TableType type, Value initial) {
    if (type.addressType() == AddressType.I64) {
      throw new UnsupportedFeatureException(Feature.MEMORY64, engine.id(), "a 64-bit table");
    }
    Object guest = values.toGuest(type.element(), initial, "initial element");
    limits.tables().take(type.minimum(), "a table of " + type.minimum() + " elements");
    try {
      return table(wa.tableAlloc(type, guest), type);
    } catch (RuntimeException e) {
      limits.tables().give(type.minimum());
      throw GraalWasmErrors.allocation(e, type.toString());
    }
  }

  /** What every extern of this store unwraps to: its guest value. */
  <U> U unwrapGuest(org.graalvm.polyglot.Value guest, Class<U> type) {
    checkOpen();
    if (type.isInstance(guest)) {
      return type.cast(guest);
    }
    throw new IllegalArgumentException(
        "a GraalWasm extern unwraps to "
            + org.graalvm.polyglot.Value.class.getName()
            + ", not "
            + type.getName());
  }

  @Override
  public <U> U unwrap(Class<U> type) {
    if (type.isInstance(context)) {
      return type.cast(context);
    }
    throw new IllegalArgumentException(
        "a GraalWasm store unwraps to " + Context.class.getName() + ", not " + type.getName());
  }

  @Override
  protected void free() {
    super.free();
    preview2.close();
    try {
      context.close();
    } catch (PolyglotException | IllegalStateException e) {
      // a cancelled or exited context reports how it ended when closed; it is closed either way
    } finally {
      funcs.values().forEach(GraalWasmFunc::release);
      memories.values().forEach(GraalWasmMemory::release);
      globals.values().forEach(GraalWasmGlobal::release);
      tables.values().forEach(GraalWasmTable::release);
      funcs.clear();
      memories.clear();
      globals.clear();
      tables.clear();
      evaluated.clear();
      engine.storeClosed();
      if (wasi != null) {
        wasi.close();
      }
    }
  }
}
