package dev.wasmlayer;

import dev.wasmlayer.internal.gen.Bindings;
import dev.wasmlayer.types.FuncType;
import java.lang.invoke.MethodHandles;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a module's imports are satisfied with, by module and field name: host functions, externs
 * created by a store or exported by an instance, and whole instances registered under a module
 * name. Immutable; build with {@link #builder()}.
 *
 * <p>Host functions here belong to no store: one {@code Imports} can instantiate modules in many
 * stores. Externs belong to the store that created them and can only be used to instantiate in that
 * store.
 */
public final class Imports {
  /** What one import name is bound to. */
  public sealed interface Binding permits HostFunc, RawHostFunc, ExternBinding {}

  /**
   * A host function on {@link Value}s.
   *
   * @param type its signature
   * @param function the Java code
   */
  public record HostFunc(FuncType type, HostFunction<?> function) implements Binding {
    /** Checks arguments. */
    public HostFunc {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(function, "function");
    }
  }

  /**
   * A host function on raw slots.
   *
   * @param type its signature
   * @param function the Java code
   */
  public record RawHostFunc(FuncType type, RawHostFunction<?> function) implements Binding {
    /** Checks arguments. */
    public RawHostFunc {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(function, "function");
    }
  }

  /**
   * An existing function, memory, global or table.
   *
   * @param extern the extern
   */
  public record ExternBinding(Extern extern) implements Binding {
    /** Checks arguments. */
    public ExternBinding {
      Objects.requireNonNull(extern, "extern");
    }
  }

  private static final Imports EMPTY = new Imports(Map.of(), Map.of());

  private final Map<String, Map<String, Binding>> definitions;
  private final Map<String, Instance> instances;

  private Imports(Map<String, Map<String, Binding>> definitions, Map<String, Instance> instances) {
    this.definitions = definitions;
    this.instances = instances;
  }

  /** {@return no imports} */
  public static Imports empty() {
    return EMPTY;
  }

  /** {@return a builder for imports} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return what {@code module.name} is bound to: an explicit definition first, then the export
   * {@code name} of an instance registered as {@code module}}
   *
   * @param module the import's module name
   * @param name the import's name
   */
  public Optional<Binding> resolve(String module, String name) {
    Map<String, Binding> fields = definitions.get(module);
    if (fields != null && fields.containsKey(name)) {
      return Optional.of(fields.get(name));
    }
    Instance instance = instances.get(module);
    if (instance != null) {
      return instance.export(name).map(ExternBinding::new);
    }
    return Optional.empty();
  }

  /** {@return every explicit definition, by module then field name, in definition order} */
  public Map<String, Map<String, Binding>> definitions() {
    return definitions;
  }

  /** {@return instances registered under a module name} */
  public Map<String, Instance> instances() {
    return instances;
  }

  /** Builds {@link Imports}. Defining one module and field name twice is an error. */
  public static final class Builder {
    private final Map<String, Map<String, Binding>> definitions = new LinkedHashMap<>();
    private final Map<String, Instance> instances = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Binds {@code module.name} to a host function on {@link Value}s. Declare the caller's type to
     * read the store's data typed: {@code (Caller<MyData> caller, Value[] args) -> ...}.
     *
     * @param module the import's module name
     * @param name the import's name
     * @param type the function's type
     * @param function the host code
     * @return this builder
     */
    public Builder func(String module, String name, FuncType type, HostFunction<?> function) {
      return define(module, name, new HostFunc(type, function));
    }

    /**
     * Binds {@code module.name} to a host function on raw slots (the allocation-free form).
     *
     * @param module the import's module name
     * @param name the import's name
     * @param type the function's type
     * @param function the host code
     * @return this builder
     */
    public Builder funcRaw(String module, String name, FuncType type, RawHostFunction<?> function) {
      return define(module, name, new RawHostFunc(type, function));
    }

    /**
     * Binds every {@link dev.wasmlayer.bind.WasmImport} method of {@code host} as {@code
     * module.<name>}, with the wasm type taken from the Java signature (see {@link
     * dev.wasmlayer.bind.WasmImport}). Pass a {@code Class} to bind its static methods. The class
     * must be public, or open to {@code dev.wasmlayer.api} (every class on the class path is);
     * otherwise use {@link #bind(String, Object, MethodHandles.Lookup)}.
     *
     * @param module the import's module name
     * @param host the object whose annotated methods become host functions
     * @return this builder
     * @throws IllegalArgumentException naming the method whose signature has no wasm type, or that
     *     is out of reach
     */
    public Builder bind(String module, Object host) {
      return bind(module, host, null);
    }

    /**
     * Like {@link #bind(String, Object)}, reaching the methods with {@code lookup} (pass {@code
     * MethodHandles.lookup()} from the host's class for private classes and methods).
     *
     * @param module the import's module name
     * @param host the object whose annotated methods become host functions
     * @param lookup a lookup with access to {@code host}'s class
     * @return this builder
     */
    public Builder bind(String module, Object host, MethodHandles.Lookup lookup) {
      Objects.requireNonNull(host, "host");
      Bindings.ofObject(host, lookup).forEach((name, binding) -> define(module, name, binding));
      return this;
    }

    /**
     * Binds {@code module.name} to a lambda (or any implementation) of a functional interface; its
     * one abstract method's signature gives the wasm type, with the rules of {@link
     * dev.wasmlayer.bind.WasmImport}. For example {@code func("env", "add",
     * IntBinaryOperator.class, (a, b) -> a + b)} is an {@code (i32, i32) -> i32} import.
     *
     * @param <F> the functional interface's type
     * @param module the import's module name
     * @param name the import's name
     * @param signature a functional interface whose method gives the function's type
     * @param function the host code, an instance of {@code signature}
     * @return this builder
     * @throws IllegalArgumentException if the signature has no wasm type
     */
    public <F> Builder func(String module, String name, Class<F> signature, F function) {
      Objects.requireNonNull(signature, "signature");
      Objects.requireNonNull(function, "function");
      return define(module, name, Bindings.ofLambda(name, signature, function, null));
    }

    /**
     * Like {@link #func(String, String, Class, Object)}, reaching {@code signature}'s method with
     * {@code lookup} (pass {@code MethodHandles.lookup()} when the interface is in a package not
     * open to {@code dev.wasmlayer.api}).
     *
     * @param <F> the interface's type
     * @param module the import's module name
     * @param name the import's field name
     * @param signature the functional interface whose method gives the wasm type
     * @param function the implementation
     * @param lookup a lookup that can access {@code signature}'s method
     * @return this builder
     * @throws IllegalArgumentException if the signature has no wasm type or is out of the lookup's
     *     reach
     */
    public <F> Builder func(
        String module, String name, Class<F> signature, F function, MethodHandles.Lookup lookup) {
      Objects.requireNonNull(signature, "signature");
      Objects.requireNonNull(function, "function");
      Objects.requireNonNull(lookup, "lookup");
      return define(module, name, Bindings.ofLambda(name, signature, function, lookup));
    }

    /**
     * Binds {@code module.name} to an existing function, memory, global or table.
     *
     * @param module the import's module name
     * @param name the import's name
     * @param extern a memory, table, global or function of a store
     * @return this builder
     */
    public Builder extern(String module, String name, Extern extern) {
      return define(module, name, new ExternBinding(extern));
    }

    /**
     * Binds {@code module.name} to a memory.
     *
     * @param module the import's module name
     * @param name the import's name
     * @param memory the memory
     * @return this builder
     */
    public Builder memory(String module, String name, Memory memory) {
      return extern(module, name, memory);
    }

    /**
     * Binds {@code module.name} to a global.
     *
     * @param module the import's module name
     * @param name the import's name
     * @param global the global
     * @return this builder
     */
    public Builder global(String module, String name, Global global) {
      return extern(module, name, global);
    }

    /**
     * Binds {@code module.name} to a table.
     *
     * @param module the import's module name
     * @param name the import's name
     * @param table the table
     * @return this builder
     */
    public Builder table(String module, String name, Table table) {
      return extern(module, name, table);
    }

    /**
     * Binds {@code module.name} to a function.
     *
     * @param module the import's module name
     * @param name the import's name
     * @param func the function
     * @return this builder
     */
    public Builder func(String module, String name, Func func) {
      return extern(module, name, func);
    }

    /**
     * Makes every export of {@code instance} importable as {@code moduleName.<export>}.
     *
     * @param moduleName the module name imports use to reach it
     * @param instance the instance whose exports are offered
     * @return this builder
     */
    public Builder instance(String moduleName, Instance instance) {
      Objects.requireNonNull(moduleName, "moduleName");
      Objects.requireNonNull(instance, "instance");
      if (instances.putIfAbsent(moduleName, instance) != null) {
        throw new IllegalArgumentException(
            "an instance is already registered as module '" + moduleName + "'");
      }
      return this;
    }

    private Builder define(String module, String name, Binding binding) {
      Objects.requireNonNull(module, "module");
      Objects.requireNonNull(name, "name");
      Map<String, Binding> fields = definitions.computeIfAbsent(module, m -> new LinkedHashMap<>());
      if (fields.putIfAbsent(name, binding) != null) {
        throw new IllegalArgumentException("import " + module + "." + name + " is defined twice");
      }
      return this;
    }

    /** {@return the immutable imports} */
    public Imports build() {
      Map<String, Map<String, Binding>> copy = new LinkedHashMap<>();
      definitions.forEach(
          (m, f) -> copy.put(m, Collections.unmodifiableMap(new LinkedHashMap<>(f))));
      return new Imports(
          Collections.unmodifiableMap(copy),
          Collections.unmodifiableMap(new LinkedHashMap<>(instances)));
    }
  }
}
