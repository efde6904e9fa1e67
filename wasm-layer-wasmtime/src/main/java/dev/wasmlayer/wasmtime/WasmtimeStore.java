package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.ArrayRef;
import dev.wasmlayer.Component;
import dev.wasmlayer.ExnRef;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Global;
import dev.wasmlayer.Imports;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.Module;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.StructRef;
import dev.wasmlayer.Table;
import dev.wasmlayer.Tag;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.ComponentCommands;
import dev.wasmlayer.spi.support.Checks;
import dev.wasmlayer.spi.support.EngineLifetime;
import dev.wasmlayer.spi.support.StopSignal;
import dev.wasmlayer.spi.support.StoreBase;
import dev.wasmlayer.spi.support.StoreRuntime;
import dev.wasmlayer.spi.support.internal.Budget;
import dev.wasmlayer.spi.support.internal.StoreLimits;
import dev.wasmlayer.types.AddressType;
import dev.wasmlayer.types.ArrayType;
import dev.wasmlayer.types.FieldType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.StructType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.types.TagType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.ThreadStacks;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code wasmtime_store_t}. It keeps every host callback strongly reachable for as long as
 * wasmtime may call it (until the store is deleted), holds a Java exception a host function threw
 * until the call returns, and maps wasmtime's function handles back to one wrapper each.
 */
final class WasmtimeStore<T> extends StoreBase<T, WasmtimeEngine> implements ComponentCommands {
  private final Pointer store;
  private final Pointer context;
  private final Cleaner.Cleanable cleanable;
  private final WasmtimeValues values = new WasmtimeValues(this);
  private final GcRoots roots = new GcRoots();
  private final GcAllocators allocators = new GcAllocators(this);
  private final Map<FuncKey, WasmtimeFunc> funcs = new HashMap<>();
  private final Map<TagKey, WasmtimeTag> tags = new HashMap<>();
  private Throwable hostFailure;
  private final WasmtimeCaller caller = new WasmtimeCaller(this);

  /** WASI preview 1, when the config asks for it; its linker is freed with the store. */
  private final WasmtimeWasi wasi;

  /**
   * The store-wide memory and table caps; wasmtime's limiter below only bounds each memory and
   * table alone.
   */
  private final StoreLimits limits;

  /** A function handle's identity: {@code wasmtime_func_t} is (store id, private index). */
  private record FuncKey(long storeId, long index) {}

  /** A tag's identity: {@code wasmtime_tag_t} is (store id, instance, defined tag index). */
  private record TagKey(long storeId, int instance, int index) {}

  WasmtimeStore(WasmtimeEngine engine, T data, StoreConfig config) {
    super(
        engine,
        data,
        config,
        engine.config().interruption() ? new EpochSignal(engine) : StopSignal.NONE);
    EngineLifetime lifetime = engine.lifetime();
    lifetime
        .acquire(); // the engine's native state outlives this store (epoch kicks, WASI), released
    // when it is freed
    this.store = Wasmtime.wasmtime_store_new(engine.pointer(), null, null);
    if (store == null) {
      lifetime.release();
      throw new IllegalStateException("wasmtime could not create a store");
    }
    this.context = Wasmtime.wasmtime_store_context(store);
    boolean interruption = engine.config().interruption();
    EpochCheck epoch = new EpochCheck();
    Pointer env = interruption ? HostCallbacks.registerStore(epoch) : null;
    Pointer s = store;
    // The safety net captures only native handles, the registry key and the engine's lifetime,
    // never this store.
    this.cleanable =
        WasmtimeEngine.CLEANER.register(
            this,
            () -> {
              Wasmtime.wasmtime_store_delete(s);
              if (env != null) {
                HostCallbacks.unregisterStore(env);
              }
              lifetime.release();
            });
    epoch.runtime = new WeakReference<>(runtime);
    if (interruption) {
      Wasmtime.wasmtime_store_epoch_deadline_callback(store, HostCallbacks.EPOCH, env, null);
      Wasmtime.wasmtime_context_set_epoch_deadline(context, 1);
    }
    if (engine.config().fuel()) {
      setFuelNative(config.fuel().orElse(Long.MAX_VALUE));
    }
    this.limits = new StoreLimits(config);
    Wasmtime.wasmtime_store_limiter(
        store,
        config.maxMemoryBytes().orElse(-1),
        config.maxTableElements() == Long.MAX_VALUE ? -1 : config.maxTableElements(),
        -1,
        -1,
        -1);
    this.wasi = config.wasi().map(w -> new WasmtimeWasi(engine.pointer(), context, w)).orElse(null);
  }

  /** The store's WASI, or null without one. */
  WasmtimeWasi wasi() {
    return wasi;
  }

  static final String INTERRUPTED = "wasm-layer: interrupted";

  /**
   * Raises a stop by advancing the engine's epoch: the store's callback then asks the runtime, on
   * its own thread.
   */
  private record EpochSignal(WasmtimeEngine engine) implements StopSignal {
    @Override
    public boolean raise(Thread owner) {
      engine.kick();
      return true;
    }

    @Override
    public void lower() {}

    @Override
    public boolean reachesHostCode() {
      return false; // epoch checks happen in wasm code only
    }
  }

  /**
   * What the epoch callback reaches. The runtime is held weakly: it leads back to the store, and
   * the callback registry must never keep a forgotten store from its Cleaner.
   */
  static final class EpochCheck implements HostCallbacks.EpochTarget {
    volatile WeakReference<StoreRuntime> runtime = new WeakReference<>(null);

    /** At each epoch tick while code runs: stop (an error) when a stop is due, else go on. */
    @Override
    public Pointer onEpoch(Pointer delta, Pointer kind) {
      StoreRuntime rt = runtime.get();
      if (rt != null && rt.stopDue()) {
        return Wasmtime.wasmtime_error_new(INTERRUPTED);
      }
      delta.setLong(0, 1);
      kind.setByte(0, (byte) 0);
      return null;
    }
  }

  /**
   * Around every call into wasm (the owner is taken before any per-call state is touched); checks
   * the stack.
   */
  @Override
  public long enterCall() {
    long token = runtime.enterCall();
    Thread me = Thread.currentThread();
    if (me != stackChecked) {
      try {
        checkStack(me);
      } catch (
          Throwable e) { // a StackOverflowError or a JNA Error too: never leave the store owned
        runtime.exitCall(token);
        throw e;
      }
    }
    return token;
  }

  /**
   * The last thread whose stack was found big enough (owner only): the check costs a native call
   * per new thread.
   */
  private Thread stackChecked;

  /** Room for the Java and wasmtime frames around wasm's own share of the stack. */
  private static final long STACK_HEADROOM = 256 * 1024;

  /**
   * Refuses a call from a thread whose whole stack is smaller than wasmtime's wasm stack limit plus
   * headroom: deep recursion there would run off the stack instead of trapping.
   */
  private void checkStack(Thread me) {
    long size = ThreadStacks.currentSize();
    long need = engine.maxWasmStack() + STACK_HEADROOM;
    if (size >= 0 && size < need) {
      throw new TrapException(
          TrapKind.STACK_OVERFLOW,
          "thread '"
              + me.getName()
              + "' has a stack of "
              + size / 1024
              + " KiB; wasmtime lets wasm use "
              + engine.maxWasmStack() / 1024
              + " KiB of it (option wasmtime.maxWasmStack) and needs "
              + STACK_HEADROOM / 1024
              + " KiB more: call from "
              + "a thread with a stack of at least "
              + need / 1024
              + " KiB, or lower wasmtime.maxWasmStack",
          null);
    }
    stackChecked = me;
  }

  /**
   * The out-parameter for a call's trap, reused (a store runs on one thread; JNA copies it around
   * each call).
   */
  long[] trapSlot() {
    trapSlot[0] = 0;
    return trapSlot;
  }

  private final long[] trapSlot = new long[1];

  boolean hasMemoryCap() {
    return config().maxMemoryBytes().isPresent();
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
    Checks.fuel(engine.config(), engine.features(), engine.id(), "Store.fuel()/setFuel()");
  }

  /** Fuel, read from wasmtime; {@code Store.fuel()} needs the engine's fuel on. */
  @Override
  public long fuel() {
    requireFuel();
    long[] out = new long[1];
    Pointer err;
    long gate = enterAccess();
    try {
      err = Wasmtime.wasmtime_context_get_fuel(context, out);
    } finally {
      exitAccess(gate);
    }
    if (err != null) {
      throw new IllegalStateException(
          "wasmtime could not read the fuel: " + Natives.consumeError(err));
    }
    return out[0];
  }

  @Override
  public void setFuel(long fuel) {
    requireFuel();
    if (fuel < 0) {
      throw new IllegalArgumentException("fuel must be >= 0");
    }
    long gate = enterAccess();
    try {
      setFuelNative(fuel);
    } finally {
      exitAccess(gate);
    }
  }

  Pointer context() {
    return context;
  }

  WasmtimeValues values() {
    return values;
  }

  /** The GC references host handles hold in this store. */
  GcRoots roots() {
    return roots;
  }

  /**
   * The one {@link dev.wasmlayer.Caller} every host call of this store is given (see {@link
   * WasmtimeCaller}).
   */
  WasmtimeCaller caller() {
    return caller;
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
    return func(at, null);
  }

  /**
   * The one wrapper of the {@code wasmtime_func_t} at {@code at}, whose type is {@code known} (or
   * null: ask).
   */
  WasmtimeFunc func(Pointer at, FuncType known) {
    FuncKey key = new FuncKey(at.getLong(0), at.getLong(8));
    WasmtimeFunc f = funcs.get(key);
    if (f == null && known != null) {
      Memory struct = Natives.alloc(Layout.FUNC_SIZE);
      struct.write(0, at.getByteArray(0, Layout.FUNC_SIZE), 0, Layout.FUNC_SIZE);
      f = new WasmtimeFunc(this, struct, known, "func");
      funcs.put(key, f);
    }
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

  /**
   * The one wrapper of the {@code wasmtime_tag_t} at {@code at} (copied); the caller holds the
   * store.
   */
  WasmtimeTag tag(Pointer at) {
    return tag(at, null);
  }

  /**
   * The one wrapper of the tag at {@code at}; if it is new, of type {@code known} (a module's
   * declaration, concrete heap types' indices kept), or as wasmtime reads it when null.
   */
  WasmtimeTag tag(Pointer at, TagType known) {
    TagKey key = new TagKey(at.getLong(0), at.getInt(8), at.getInt(16));
    WasmtimeTag t = tags.get(key);
    if (t == null) {
      Memory struct = Natives.alloc(Layout.TAG_SIZE);
      struct.write(0, at.getByteArray(0, Layout.TAG_SIZE), 0, Layout.TAG_SIZE);
      t = new WasmtimeTag(this, struct, known != null ? known : readTagType(struct));
      tags.put(key, t);
    }
    return t;
  }

  private TagType readTagType(Memory tag) {
    Pointer tt = Wasmtime.wasmtime_tag_type(context, tag);
    try {
      return WasmtimeTypes.tagType(tt);
    } finally {
      Wasmtime.wasm_tagtype_delete(tt);
    }
  }

  /**
   * Takes the exception wasm threw and nothing caught, if one is pending, as a handle; else null.
   * The caller holds the store.
   */
  WasmtimeExnRef takeException() {
    if (Wasmtime.wasmtime_context_has_exception(context) == 0) {
      return null;
    }
    Memory exn = Natives.alloc(Layout.REF_SIZE);
    if (Wasmtime.wasmtime_context_take_exception(context, exn) == 0) {
      return null;
    }
    return new WasmtimeExnRef(this, exn);
  }

  @Override
  public WasmtimeInstance instantiate(Module module, Imports imports) {
    WasmtimeModule m = own(module, imports, WasmtimeModule.class);
    long gate = enterAccess();
    try {
      return new WasmtimeLinker(this, m).instantiate(imports);
    } finally {
      exitAccess(gate);
    }
  }

  @Override
  protected WasmtimeMemory createMemory(MemoryType type) {
    long[] mt = new long[1];
    Pointer err =
        Wasmtime.wasmtime_memorytype_new(
            type.minimum(),
            (byte) (type.maximum().isPresent() ? 1 : 0),
            type.maximum().orElse(0),
            (byte) (type.addressType() == AddressType.I64 ? 1 : 0),
            (byte) (type.shared() ? 1 : 0),
            (byte) 16,
            mt);
    if (err != null) {
      throw new IllegalArgumentException(
          "wasmtime rejects " + type + ": " + Natives.consumeError(err));
    }
    if (type.shared()) {
      Wasmtime.wasm_memorytype_delete(Natives.pointer(mt));
      throw new UnsupportedFeatureException(
          Feature.THREADS, engine.id(), "host-created shared memories");
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
      if (WasmtimeErrors.outOfAddressSpace(
          why)) { // the cap was checked above; this is the process running out
        throw new LimitException(
            "wasmtime cannot reserve address space for "
                + type
                + " (too many live memories in the process): "
                + why);
      }
      throw new IllegalArgumentException("wasmtime cannot create " + type + ": " + why);
    }
    return new WasmtimeMemory(this, struct);
  }

  @Override
  protected Global createGlobal(GlobalType type, Value initial) {
    values.check(initial, type.content(), "initial value");
    Pointer gt =
        Wasmtime.wasm_globaltype_new(
            WasmtimeTypes.toNative(type.content()), (byte) (type.mutable() ? 1 : 0));
    Memory struct = Natives.alloc(Layout.GLOBAL_SIZE);
    Pointer err;
    try {
      err =
          values.withNative(
              initial,
              type.content(),
              val -> Wasmtime.wasmtime_global_new(context, gt, val, struct));
    } finally {
      Wasmtime.wasm_globaltype_delete(gt);
    }
    if (err != null) {
      throw new IllegalArgumentException(
          "wasmtime cannot create " + type + ": " + Natives.consumeError(err));
    }
    return new WasmtimeGlobal(this, struct, type);
  }

  @Override
  protected Table createTable(TableType type, Value initial) {
    values.check(initial, type.element(), "initial element");
    if (type.addressType() == AddressType.I64) {
      throw new UnsupportedFeatureException(
          Feature.MEMORY64, engine.id(), "host-created 64-bit tables");
    }
    this.limits.tables().take(type.minimum(), "a table of " + type.minimum() + " elements");
    Memory limits = Natives.alloc(Layout.LIMITS_SIZE);
    limits.setInt(0, (int) type.minimum());
    limits.setInt(4, (int) type.maximum().orElse(0xFFFF_FFFFL));
    Pointer tt = Wasmtime.wasm_tabletype_new(WasmtimeTypes.toNative(type.element()), limits);
    Memory struct = Natives.alloc(Layout.MEMORY_SIZE);
    Pointer err;
    try {
      err =
          values.withNative(
              initial,
              type.element(),
              val -> Wasmtime.wasmtime_table_new(context, tt, val, struct));
    } finally {
      Wasmtime.wasm_tabletype_delete(tt);
    }
    if (err != null) {
      this.limits.tables().give(type.minimum());
      throw new IllegalArgumentException(
          "wasmtime cannot create " + type + ": " + Natives.consumeError(err));
    }
    return new WasmtimeTable(this, struct);
  }

  @Override
  protected Tag createTag(TagType type) {
    Pointer tt = Wasmtime.wasm_tagtype_new(WasmtimeTypes.toNative(type.signature()));
    Memory struct = Natives.alloc(Layout.TAG_SIZE);
    Pointer err;
    try {
      err = Wasmtime.wasmtime_tag_new(context, tt, struct);
    } finally {
      Wasmtime.wasm_tagtype_delete(tt);
    }
    if (err != null) {
      throw new IllegalArgumentException(
          "wasmtime cannot create a tag of " + type + ": " + Natives.consumeError(err));
    }
    return tag(struct);
  }

  @Override
  protected ExnRef createException(Tag tag, Value[] payload) {
    if (!(tag instanceof WasmtimeTag t) || t.store() != this) {
      throw new IllegalArgumentException("the tag belongs to another store or engine: " + tag);
    }
    List<ValType> params = t.type().signature().params();
    boolean[] rooted = new boolean[payload.length];
    Memory fields = Natives.alloc((long) Math.max(1, payload.length) * Layout.VAL_SIZE);
    values.writeAll(params, payload, "exception payload of " + t.type(), rooted, fields);
    Memory exn = Natives.alloc(Layout.REF_SIZE);
    Pointer err;
    try {
      err = Wasmtime.wasmtime_exnref_new(context, t.struct(), fields, payload.length, exn);
    } finally {
      WasmtimeValues.releaseAll(fields, rooted);
      Reference.reachabilityFence(payload); // lent GC handles stay rooted until wasmtime is done
    }
    if (err != null) {
      throw new IllegalArgumentException(
          "wasmtime cannot create an exception of " + t.type() + ": " + Natives.consumeError(err));
    }
    return new WasmtimeExnRef(this, exn);
  }

  @Override
  protected StructRef createStruct(StructType type, Value[] fields) {
    if (fields.length != type.fields().size()) {
      throw new IllegalArgumentException(
          type + " has " + type.fields().size() + " fields, got " + fields.length + " values");
    }
    List<ValType> types = new ArrayList<>();
    for (FieldType f : type.fields()) {
      types.add(WasmtimeGcTypes.unpacked(f.storage()));
    }
    Pointer pre = allocators.struct(type);
    Memory vals = Natives.alloc((long) Math.max(1, fields.length) * Layout.VAL_SIZE);
    boolean[] rooted = new boolean[fields.length];
    values.writeAll(types, fields, "struct field", rooted, vals);
    Memory out = Natives.alloc(Layout.REF_SIZE);
    Pointer err;
    try {
      err = Wasmtime.wasmtime_structref_new(context, pre, vals, fields.length, out);
    } finally {
      WasmtimeValues.releaseAll(vals, rooted);
      Reference.reachabilityFence(fields);
    }
    if (err != null) {
      throw allocationFailed(type.toString(), Natives.consumeError(err));
    }
    Memory any = Natives.alloc(Layout.REF_SIZE);
    Wasmtime.wasmtime_structref_to_anyref(out, any);
    Wasmtime.wasmtime_structref_unroot(out);
    return WasmtimeStructRef.adopting(this, any, type);
  }

  @Override
  protected ArrayRef createArray(ArrayType type, Value[] elements) {
    if (elements.length == 0) {
      return createArray(type, 0, Value.zero(WasmtimeGcTypes.unpacked(type.element().storage())));
    }
    boolean same = true;
    for (Value e : elements) {
      same &= e.equals(elements[0]);
    }
    if (same) {
      return createArray(type, elements.length, elements[0]);
    }
    if (!type.element().mutable()) {
      throw new UnsupportedFeatureException(
          Feature.GC,
          engine.id(),
          "an immutable array of differing elements made by the host (wasmtime 49's C API can"
              + " only fill an array with one value)");
    }
    ValType t = WasmtimeGcTypes.unpacked(type.element().storage());
    for (int i = 0; i < elements.length; i++) {
      values.check(elements[i], t, "array element " + i);
    }
    WasmtimeArrayRef array = createArray(type, elements.length, Value.zero(t));
    for (int i = 0; i < elements.length; i++) {
      array.set(i, elements[i]);
    }
    return array;
  }

  /** The GC heap is bounded by the store's memory cap: running out is a limit, not bad input. */
  private RuntimeException allocationFailed(String what, String why) {
    if (why.contains("GC heap out of memory")) {
      return new LimitException("cannot allocate " + what + " in the store's GC heap: " + why);
    }
    return new IllegalArgumentException("wasmtime cannot allocate " + what + ": " + why);
  }

  @Override
  protected WasmtimeArrayRef createArray(ArrayType type, int length, Value fill) {
    ValType t = WasmtimeGcTypes.unpacked(type.element().storage());
    values.check(fill, t, "array element");
    Pointer pre = allocators.array(type);
    Memory out = Natives.alloc(Layout.REF_SIZE);
    Pointer err =
        values.withNative(
            fill, t, val -> Wasmtime.wasmtime_arrayref_new(context, pre, val, length, out));
    if (err != null) {
      throw allocationFailed(type + " of " + length, Natives.consumeError(err));
    }
    Memory any = Natives.alloc(Layout.REF_SIZE);
    Wasmtime.wasmtime_arrayref_to_anyref(out, any);
    Wasmtime.wasmtime_arrayref_unroot(out);
    return WasmtimeArrayRef.adopting(this, any, type);
  }

  private ComponentResources componentResources;

  /** The store's component resource handles and value converters, made on first use. */
  ComponentResources componentResources() {
    if (componentResources == null) {
      componentResources = new ComponentResources(this);
    }
    return componentResources;
  }

  @Override
  protected dev.wasmlayer.component.ComponentInstance instantiateComponent(
      Component component, dev.wasmlayer.component.ComponentImports imports) {
    if (!(component instanceof WasmtimeComponent c)) {
      throw new IllegalArgumentException("the component was compiled by another engine");
    }
    if (imports.wasi() && wasi != null && wasi.hasJavaStdin()) {
      throw new UnsupportedFeatureException(
          Feature.WASI_COMPONENTS,
          engine.id(),
          "a Java stdin stream for a component (wasmtime's WASI 0.2 reads stdin from bytes or a"
              + " file only): leave WasiConfig.stdin unset");
    }
    long gate = enterCall();
    try {
      return ComponentInstantiation.instantiate(this, c, imports);
    } finally {
      exitCall(gate);
    }
  }

  @Override
  public int runCommand(Component command) {
    if (!(command instanceof WasmtimeComponent c) || c.engine() != engine) {
      throw new IllegalArgumentException("the component was compiled by another engine");
    }
    if (wasi != null && wasi.hasJavaStdin()) {
      throw new UnsupportedFeatureException(
          Feature.WASI_COMPONENTS,
          engine.id(),
          "a Java stdin stream for a component (wasmtime's WASI 0.2 reads stdin from bytes or a"
              + " file only): leave WasiConfig.stdin unset");
    }
    long gate = enterCall();
    try {
      return ComponentRun.run(this, c);
    } finally {
      exitCall(gate);
    }
  }

  @Override
  public <U> U unwrap(Class<U> type) {
    checkOpen();
    return WasmtimeExterns.unwrap(store, type, "store", "wasmtime_store_t*");
  }

  /**
   * Deletes the store (which runs wasmtime's finalizers), then lets go of the callbacks and rooted
   * objects.
   */
  @Override
  protected void free() {
    super.free();
    if (wasi != null) {
      wasi.close();
    }
    roots.releaseAll();
    if (componentResources != null) {
      componentResources.free();
    }
    allocators.free();
    cleanable.clean();
    funcs.clear();
    tags.clear();
    values.clear();
  }
}
