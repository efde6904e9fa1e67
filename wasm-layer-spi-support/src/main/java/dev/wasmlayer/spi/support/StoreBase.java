package dev.wasmlayer.spi.support;

import dev.wasmlayer.ArrayRef;
import dev.wasmlayer.Engine;
import dev.wasmlayer.ExnRef;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Global;
import dev.wasmlayer.Imports;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.StructRef;
import dev.wasmlayer.Table;
import dev.wasmlayer.Tag;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.ImportChecks;
import dev.wasmlayer.types.ArrayType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.ImportType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.StructType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.types.TagType;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What every backend's store does the same way: its engine, config and data, the {@link
 * StoreRuntime} gates around calls, accesses and host functions, host-created objects made under
 * the access gate, interrupts and closing. A backend writes the engine calls: instantiation, the
 * {@code create*} methods, {@link #free()} and unwrapping.
 *
 * @param <T> the store's data
 * @param <E> the backend's engine
 */
public abstract class StoreBase<T, E extends Engine> implements Store<T> {
  /** The engine that made this store. */
  protected final E engine;

  /**
   * One thread at a time, close from any thread, interrupts and deadlines: the rules every engine
   * shares.
   */
  protected final StoreRuntime runtime;

  private final StoreConfig config;
  private T data;

  /**
   * A store.
   *
   * @param engine the engine that made it
   * @param data the application's data, or null
   * @param config its configuration
   * @param signal how the engine stops running code
   */
  @SuppressWarnings(
      "this-escape") // the runtime calls free() only once the store is closed, long after
  // construction
  protected StoreBase(E engine, T data, StoreConfig config, StopSignal signal) {
    this.engine = engine;
    this.data = data;
    this.config = config;
    this.runtime = new StoreRuntime(signal, config.deadline().orElse(null), this::free);
  }

  /**
   * Frees the store's resources: run exactly once, never while a call or access is in flight. A
   * backend that overrides it calls {@code super.free()}.
   */
  protected void free() {
    data = null;
  }

  /**
   * Around every call into wasm (see {@link StoreRuntime#enterCall()}).
   *
   * @return the token for {@link #exitCall(long)}
   */
  public long enterCall() {
    return runtime.enterCall();
  }

  /**
   * After a call into wasm.
   *
   * @param token what {@link #enterCall()} returned
   */
  public final void exitCall(long token) {
    runtime.exitCall(token);
  }

  /**
   * Around every use of the store's objects from the host (memories, tables, globals, exports).
   *
   * @return the token for {@link #exitAccess(long)}
   */
  public final long enterAccess() {
    return runtime.enterAccess();
  }

  /**
   * After an access.
   *
   * @param token what {@link #enterAccess()} returned
   */
  public final void exitAccess(long token) {
    runtime.exitAccess(token);
  }

  /** Around every host function called from wasm (see {@link StoreRuntime#enterHost()}). */
  public final void enterHost() {
    runtime.enterHost();
  }

  /**
   * {@return whether a stop asked for while the host function ran must end the call now (see
   * StoreRuntime)}
   */
  public final boolean exitHost() {
    return runtime.exitHost();
  }

  /** Throws {@link IllegalStateException} once the store is closed. */
  public final void checkOpen() {
    runtime.checkOpen();
  }

  /**
   * {@return {@code module} as this backend's module class, checked open, for {@link #instantiate}}
   *
   * @param <M> the backend's module class
   * @param module the module to instantiate
   * @param imports the imports (checked non-null)
   * @param type the backend's module class
   * @throws IllegalArgumentException if another engine compiled it
   */
  protected final <M extends Module> M own(Module module, Imports imports, Class<M> type) {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(imports, "imports");
    checkOpen();
    if (!type.isInstance(module)) {
      throw new IllegalArgumentException(
          "module was compiled by engine '"
              + module.engine().id()
              + "'; this store belongs to engine '"
              + engine.id()
              + "'");
    }
    return type.cast(module);
  }

  /**
   * {@return the extern {@code binding} gives for {@code expected}, checked for kind, engine and
   * this store}
   *
   * @param <X> the backend's class for that kind
   * @param expected the import
   * @param binding what the imports give for it
   * @param cls the backend's class for that kind
   * @throws LinkException if it is a host function, of another kind, engine or store
   */
  public final <X> X imported(ImportType expected, Imports.Binding binding, Class<X> cls) {
    X x = ImportChecks.extern(expected, binding, cls);
    if (!(x instanceof StoreObject o) || o.store() != this) {
      throw new LinkException(
          "import "
              + ImportChecks.name(expected)
              + ": the "
              + ImportChecks.kind(expected)
              + " belongs to another store");
    }
    checkOpen();
    return x;
  }

  @Override
  public E engine() {
    return engine;
  }

  @Override
  public final T data() {
    checkOpen();
    return data;
  }

  @Override
  public final void setData(T data) {
    checkOpen();
    this.data = data;
  }

  @Override
  public final StoreConfig config() {
    return config;
  }

  /**
   * {@return what {@code work} returns, run under the access gate} For accesses that are not
   * measured in nanoseconds; the per-access paths (memory reads and writes) write the gate out.
   *
   * @param <R> the result's type
   * @param work the access
   */
  public final <R> R withAccess(Supplier<R> work) {
    long gate = enterAccess();
    try {
      return work.get();
    } finally {
      exitAccess(gate);
    }
  }

  @Override
  public final Memory newMemory(MemoryType type) {
    Objects.requireNonNull(type, "type");
    return withAccess(() -> createMemory(type));
  }

  @Override
  public final Global newGlobal(GlobalType type, Value initial) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(initial, "initial");
    return withAccess(() -> createGlobal(type, initial));
  }

  @Override
  public final Table newTable(TableType type, Value initial) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(initial, "initial");
    return withAccess(() -> createTable(type, initial));
  }

  @Override
  public final Tag newTag(TagType type) {
    Objects.requireNonNull(type, "type");
    if (!type.signature().results().isEmpty()) {
      throw new IllegalArgumentException("a tag's type has no results, got " + type.signature());
    }
    return withAccess(() -> createTag(type));
  }

  @Override
  public final ExnRef newException(Tag tag, Value... payload) {
    Objects.requireNonNull(tag, "tag");
    Value[] values = payload.clone();
    return withAccess(() -> createException(tag, values));
  }

  @Override
  public final StructRef newStruct(StructType type, Value... fields) {
    Objects.requireNonNull(type, "type");
    Value[] values = fields.clone();
    return withAccess(() -> createStruct(type, values));
  }

  @Override
  public final ArrayRef newArray(ArrayType type, Value... elements) {
    Objects.requireNonNull(type, "type");
    Value[] values = elements.clone();
    return withAccess(() -> createArray(type, values));
  }

  @Override
  public final ArrayRef newArray(ArrayType type, int length, Value fill) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(fill, "fill");
    if (length < 0) {
      throw new IllegalArgumentException("an array length must not be negative, got " + length);
    }
    return withAccess(() -> createArray(type, length, fill));
  }

  /**
   * {@link #newTag} under the access gate; engines without exceptions at the host boundary keep
   * this default.
   *
   * @param type the tag's type
   * @return the tag
   */
  protected Tag createTag(TagType type) {
    throw new UnsupportedFeatureException(Feature.EXCEPTIONS, engine.id(), "Store.newTag");
  }

  @Override
  public final dev.wasmlayer.component.ComponentInstance instantiate(
      dev.wasmlayer.Component component, dev.wasmlayer.component.ComponentImports imports) {
    java.util.Objects.requireNonNull(component, "component");
    java.util.Objects.requireNonNull(imports, "imports");
    checkOpen();
    if (component.engine() != engine) {
      throw new IllegalArgumentException("the component belongs to another engine");
    }
    return instantiateComponent(component, imports);
  }

  /**
   * {@link #instantiate(dev.wasmlayer.Component, dev.wasmlayer.component.ComponentImports)}, the
   * store open; engines without the component model keep this default.
   *
   * @param component a component of this engine
   * @param imports its imports
   * @return the instance
   */
  protected dev.wasmlayer.component.ComponentInstance instantiateComponent(
      dev.wasmlayer.Component component, dev.wasmlayer.component.ComponentImports imports) {
    throw new UnsupportedFeatureException(
        Feature.COMPONENTS, engine.id(), "Store.instantiate(Component)");
  }

  /**
   * {@link #newException} under the access gate.
   *
   * @param tag the tag
   * @param payload the values
   * @return the exception
   */
  protected ExnRef createException(Tag tag, Value[] payload) {
    throw new UnsupportedFeatureException(Feature.EXCEPTIONS, engine.id(), "Store.newException");
  }

  /**
   * {@link #newStruct} under the access gate; engines without GC at the host boundary keep this
   * default.
   *
   * @param type the struct type
   * @param fields the field values
   * @return the struct
   */
  protected StructRef createStruct(StructType type, Value[] fields) {
    throw new UnsupportedFeatureException(Feature.GC, engine.id(), "Store.newStruct");
  }

  /**
   * {@link #newArray(ArrayType, Value...)} under the access gate.
   *
   * @param type the array type
   * @param elements the elements
   * @return the array
   */
  protected ArrayRef createArray(ArrayType type, Value[] elements) {
    throw new UnsupportedFeatureException(Feature.GC, engine.id(), "Store.newArray");
  }

  /**
   * {@link #newArray(ArrayType, int, Value)} under the access gate.
   *
   * @param type the array type
   * @param length the length
   * @param fill every element's value
   * @return the array
   */
  protected ArrayRef createArray(ArrayType type, int length, Value fill) {
    throw new UnsupportedFeatureException(Feature.GC, engine.id(), "Store.newArray");
  }

  /**
   * {@link #newMemory} under the access gate.
   *
   * @param type the memory's type
   * @return the memory
   */
  protected abstract Memory createMemory(MemoryType type);

  /**
   * {@link #newGlobal} under the access gate.
   *
   * @param type the global's type
   * @param initial its value
   * @return the global
   */
  protected abstract Global createGlobal(GlobalType type, Value initial);

  /**
   * {@link #newTable} under the access gate.
   *
   * @param type the table's type
   * @param initial every element's value
   * @return the table
   */
  protected abstract Table createTable(TableType type, Value initial);

  /**
   * Safe from any thread: the running call stops with an INTERRUPTED trap; host code is never
   * interrupted.
   */
  @Override
  public final void interrupt() {
    Checks.interruption(engine.config(), engine.features(), engine.id(), "Store.interrupt()");
    runtime.interrupt();
  }

  /** Engines without fuel refuse it; one with fuel overrides this. */
  @Override
  public long fuel() {
    Checks.fuel(engine.config(), engine.features(), engine.id(), "Store.fuel()");
    throw new UnsupportedFeatureException(Feature.FUEL, engine.id(), "Store.fuel()");
  }

  /** Engines without fuel refuse it; one with fuel overrides this. */
  @Override
  public void setFuel(long fuel) {
    throw new UnsupportedFeatureException(Feature.FUEL, engine.id(), "Store.setFuel()");
  }

  @Override
  public final boolean isClosed() {
    return runtime.isClosed();
  }

  /**
   * Closes the store from any thread: a call running on another thread is stopped (when the engine
   * can) and awaited; from inside a host function, the store is freed when the outermost call
   * returns.
   */
  @Override
  public final void close() {
    runtime.close();
  }
}
