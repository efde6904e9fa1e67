package dev.wasmlayer;

import dev.wasmlayer.types.FuncType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a module's imports are satisfied with, by module and field name: host functions, externs created by a store or
 * exported by an instance, and whole instances registered under a module name. Immutable; build with
 * {@link #builder()}.
 *
 * <p>Host functions here belong to no store: one {@code Imports} can instantiate modules in many stores. Externs belong
 * to the store that created them and can only be used to instantiate in that store.
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
  public record HostFunc(FuncType type, HostFunction function) implements Binding {
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
  public record RawHostFunc(FuncType type, RawHostFunction function) implements Binding {
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

  /** No imports. */
  public static Imports empty() {
    return EMPTY;
  }

  /** A builder for imports. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * What {@code module.name} is bound to: an explicit definition first, then the export {@code name} of an instance
   * registered as {@code module}.
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

  /** Every explicit definition, by module then field name, in definition order. */
  public Map<String, Map<String, Binding>> definitions() {
    return definitions;
  }

  /** Instances registered under a module name. */
  public Map<String, Instance> instances() {
    return instances;
  }

  /** Builds {@link Imports}. Defining one module and field name twice is an error. */
  public static final class Builder {
    private final Map<String, Map<String, Binding>> definitions = new LinkedHashMap<>();
    private final Map<String, Instance> instances = new LinkedHashMap<>();

    private Builder() {}

    /** Binds {@code module.name} to a host function on {@link Value}s. */
    public Builder func(String module, String name, FuncType type, HostFunction function) {
      return define(module, name, new HostFunc(type, function));
    }

    /** Binds {@code module.name} to a host function on raw slots (the allocation-free form). */
    public Builder funcRaw(String module, String name, FuncType type, RawHostFunction function) {
      return define(module, name, new RawHostFunc(type, function));
    }

    /** Binds {@code module.name} to an existing function, memory, global or table. */
    public Builder extern(String module, String name, Extern extern) {
      return define(module, name, new ExternBinding(extern));
    }

    /** Binds {@code module.name} to a memory. */
    public Builder memory(String module, String name, Memory memory) {
      return extern(module, name, memory);
    }

    /** Binds {@code module.name} to a global. */
    public Builder global(String module, String name, Global global) {
      return extern(module, name, global);
    }

    /** Binds {@code module.name} to a table. */
    public Builder table(String module, String name, Table table) {
      return extern(module, name, table);
    }

    /** Binds {@code module.name} to a function. */
    public Builder func(String module, String name, Func func) {
      return extern(module, name, func);
    }

    /** Makes every export of {@code instance} importable as {@code moduleName.<export>}. */
    public Builder instance(String moduleName, Instance instance) {
      Objects.requireNonNull(moduleName, "moduleName");
      Objects.requireNonNull(instance, "instance");
      if (instances.putIfAbsent(moduleName, instance) != null) {
        throw new IllegalArgumentException("an instance is already registered as module '" + moduleName + "'");
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

    /** The immutable imports. */
    public Imports build() {
      Map<String, Map<String, Binding>> copy = new LinkedHashMap<>();
      definitions.forEach((m, f) -> copy.put(m, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(f))));
      return new Imports(
          java.util.Collections.unmodifiableMap(copy),
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(instances)));
    }
  }
}
