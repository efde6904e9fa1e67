package dev.wasmlayer;

import dev.wasmlayer.spi.LinkedImports;
import dev.wasmlayer.spi.PreLinking;
import dev.wasmlayer.types.ExportType;
import dev.wasmlayer.types.FuncType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Definitions by module and field name that link a module once into an {@link InstancePre}, which
 * then instantiates into any store of the engine cheaply: the imports are resolved and checked at
 * {@link #instantiatePre(Module)}, not at each instantiation. Not thread-safe while being defined
 * into; the {@code InstancePre}s it makes are.
 *
 * <pre>{@code
 * Linker linker = Linker.of(engine)
 *     .func("env", "log", FuncType.ofParams(ValType.I32), (caller, args) -> Value.NONE)
 *     .defineWasi();
 * InstancePre pre = linker.instantiatePre(module);   // checks every import once
 * Instance a = pre.instantiate(storeA);               // then cheap, in any store of the engine
 * }</pre>
 *
 * <p>Defining one name twice is an error unless {@link #allowShadowing(boolean)} is on, when the
 * later definition wins. Externs created by a store (memories, globals, tables, instances' exports)
 * can only be instantiated into that store; host functions belong to no store.
 */
public final class Linker {
  private final Engine engine;
  private final Map<String, Map<String, Imports.Binding>> definitions = new LinkedHashMap<>();
  private boolean shadowing;
  private boolean wasi;
  private boolean unknownAsTraps;

  private Linker(Engine engine) {
    this.engine = engine;
  }

  /**
   * {@return an empty linker for {@code engine}}
   *
   * @param engine the engine whose modules and stores it links
   */
  public static Linker of(Engine engine) {
    return new Linker(Objects.requireNonNull(engine, "engine"));
  }

  /** {@return the engine} */
  public Engine engine() {
    return engine;
  }

  /**
   * Lets a later definition of a name replace an earlier one (off by default: redefining is an
   * error).
   *
   * @param allow whether to allow it
   * @return this linker
   */
  public Linker allowShadowing(boolean allow) {
    this.shadowing = allow;
    return this;
  }

  /**
   * Defines {@code module.name} as an existing function, memory, global or table of a store.
   *
   * @param module the import's module name
   * @param name the import's name
   * @param extern the extern
   * @return this linker
   * @throws IllegalArgumentException if the name is defined and shadowing is off
   */
  public Linker define(String module, String name, Extern extern) {
    return put(module, name, new Imports.ExternBinding(extern));
  }

  /**
   * Defines {@code module.name} as a host function on {@link Value}s.
   *
   * @param module the import's module name
   * @param name the import's name
   * @param type the function's type
   * @param function the host code
   * @return this linker
   */
  public Linker func(String module, String name, FuncType type, HostFunction<?> function) {
    return put(module, name, new Imports.HostFunc(type, function));
  }

  /**
   * Defines {@code module.name} as a host function on raw slots (the allocation-free form).
   *
   * @param module the import's module name
   * @param name the import's name
   * @param type the function's type
   * @param function the host code
   * @return this linker
   */
  public Linker funcRaw(String module, String name, FuncType type, RawHostFunction<?> function) {
    return put(module, name, new Imports.RawHostFunc(type, function));
  }

  /**
   * Defines everything {@code imports} defines, instances registered there included: the way to use
   * its builder's binding forms ({@link Imports.Builder#bind}, functional interfaces) with a
   * linker.
   *
   * @param imports the definitions
   * @return this linker
   */
  public Linker define(Imports imports) {
    Objects.requireNonNull(imports, "imports");
    imports.definitions().forEach((m, fields) -> fields.forEach((n, b) -> put(m, n, b)));
    imports.instances().forEach(this::defineInstance);
    return this;
  }

  /**
   * Defines every export of {@code instance} as {@code module.<export>}.
   *
   * @param module the module name imports use to reach it
   * @param instance the instance whose exports are offered
   * @return this linker
   */
  public Linker defineInstance(String module, Instance instance) {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(instance, "instance");
    for (ExportType e : instance.module().exports()) {
      instance.export(e.name()).ifPresent(x -> put(module, e.name(), new Imports.ExternBinding(x)));
    }
    return this;
  }

  /**
   * Leaves imports from {@value dev.wasmlayer.wasi.Wasi#MODULE} that nothing else defines to the
   * WASI of the store instantiated into ({@link StoreConfig#wasi()}); instantiating into a store
   * without WASI is then a {@link LinkException}.
   *
   * @return this linker
   * @throws UnsupportedFeatureException for {@link Feature#WASI} if the engine lacks it
   */
  public Linker defineWasi() {
    if (!engine.supports(Feature.WASI)) {
      throw new UnsupportedFeatureException(Feature.WASI, engine.id(), "Linker.defineWasi");
    }
    this.wasi = true;
    return this;
  }

  /**
   * Defines every function import nothing else defines as a function that traps when called (a
   * {@link TrapKind#HOST} trap whose cause is a {@link LinkException} naming the import). Other
   * missing imports stay errors.
   *
   * @return this linker
   */
  public Linker defineUnknownImportsAsTraps() {
    this.unknownAsTraps = true;
    return this;
  }

  /**
   * Resolves and checks every import of {@code module} now.
   *
   * @param module a module of this linker's engine
   * @return what instantiates it cheaply into any store of the engine
   * @throws LinkException naming the first import that is missing or of the wrong kind or type
   * @throws IllegalArgumentException if the module belongs to another engine
   */
  public InstancePre instantiatePre(Module module) {
    Objects.requireNonNull(module, "module");
    if (module.engine() != engine) {
      throw new IllegalArgumentException(
          "module was compiled by another engine ('"
              + module.engine().id()
              + "') than this linker's ('"
              + engine.id()
              + "')");
    }
    LinkedImports linked = LinkChecks.link(engine, module, definitions, wasi, unknownAsTraps);
    return engine instanceof PreLinking p ? p.preLink(linked) : new PortableInstancePre(linked);
  }

  /**
   * Links and instantiates in one step: {@code instantiatePre(module).instantiate(store)}.
   *
   * @param store a store of this linker's engine
   * @param module a module of this linker's engine
   * @return the instance
   */
  public Instance instantiate(Store<?> store, Module module) {
    return instantiatePre(module).instantiate(store);
  }

  /** {@return every definition, by module then field name} */
  public Map<String, Map<String, Imports.Binding>> definitions() {
    Map<String, Map<String, Imports.Binding>> copy = new LinkedHashMap<>();
    definitions.forEach((m, f) -> copy.put(m, Collections.unmodifiableMap(new LinkedHashMap<>(f))));
    return Collections.unmodifiableMap(copy);
  }

  private Linker put(String module, String name, Imports.Binding binding) {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(name, "name");
    Map<String, Imports.Binding> fields =
        definitions.computeIfAbsent(module, m -> new LinkedHashMap<>());
    if (!shadowing && fields.containsKey(name)) {
      throw new IllegalArgumentException(
          module
              + "."
              + name
              + " is already defined in this linker (allowShadowing "
              + "lets a later definition replace it)");
    }
    fields.put(name, binding);
    return this;
  }
}
