package dev.wasmlayer.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a component instance gets for its imports: host functions and host resources by interface
 * and name, and WASI 0.2 from the store's {@link dev.wasmlayer.wasi.WasiConfig}. Immutable; build
 * one with {@link #builder()} and use it for any number of instantiations on any engine.
 */
public final class ComponentImports {
  private static final ComponentImports EMPTY = builder().build();

  /**
   * A host function.
   *
   * @param iface the interface it belongs to, such as {@code example:demo/host}, or {@code ""} for
   *     a function the component imports at its top level
   * @param name its name
   * @param type its WIT type
   * @param function the Java code
   */
  public record HostFunc(
      String iface, String name, WitFuncType type, ComponentHostFunction function) {
    /** Checks all are given. */
    public HostFunc {
      Objects.requireNonNull(iface, "iface");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(function, "function");
    }
  }

  /**
   * A host resource type.
   *
   * @param iface the interface it belongs to
   * @param name its name there
   * @param type the type, made with {@link ResourceType#host}
   */
  public record HostResource(String iface, String name, ResourceType type) {
    /** Checks all are given and the type is a host one. */
    public HostResource {
      Objects.requireNonNull(iface, "iface");
      Objects.requireNonNull(name, "name");
      if (!type.isHost()) {
        throw new IllegalArgumentException(type + " is not a host resource type");
      }
    }
  }

  private final List<HostFunc> functions;
  private final List<HostResource> resources;
  private final boolean wasi;

  private ComponentImports(Builder b) {
    this.functions = List.copyOf(b.functions);
    this.resources = List.copyOf(b.resources);
    this.wasi = b.wasi;
  }

  /** {@return no imports at all} */
  public static ComponentImports empty() {
    return EMPTY;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the host functions, in the order they were added} */
  public List<HostFunc> functions() {
    return functions;
  }

  /** {@return the host resource types} */
  public List<HostResource> resources() {
    return resources;
  }

  /** {@return whether WASI 0.2 is linked from the store's WASI config} */
  public boolean wasi() {
    return wasi;
  }

  /** Builds {@link ComponentImports}. */
  public static final class Builder {
    private final List<HostFunc> functions = new ArrayList<>();
    private final List<HostResource> resources = new ArrayList<>();
    private boolean wasi;

    private Builder() {}

    /**
     * Adds a function of an interface.
     *
     * @param iface the interface, such as {@code example:demo/host}
     * @param name the function's name
     * @param type its WIT type
     * @param function the Java code
     * @return this builder
     */
    public Builder func(
        String iface, String name, WitFuncType type, ComponentHostFunction function) {
      functions.add(new HostFunc(iface, name, type, function));
      return this;
    }

    /**
     * Adds a function the component imports at its top level.
     *
     * @param name the function's name
     * @param type its WIT type
     * @param function the Java code
     * @return this builder
     */
    public Builder func(String name, WitFuncType type, ComponentHostFunction function) {
      return func("", name, type, function);
    }

    /**
     * Adds every function of an interface that {@code component} imports, served by the public
     * methods of {@code impl} with the same names in kebab-case (or their {@link WitName}). The WIT
     * types come from the component; arguments and results convert as for {@link
     * ComponentInstance#bind}. A method may throw {@link WitErrorException} to return a result's
     * error.
     *
     * @param component the component whose import types to use
     * @param iface the imported interface, such as {@code example:demo/host}
     * @param impl the Java object
     * @return this builder
     * @throws dev.wasmlayer.LinkException if the component does not import {@code iface} or a
     *     function has no method
     */
    public Builder implement(dev.wasmlayer.Component component, String iface, Object impl) {
      ComponentItem item = component.importTypes().get(iface);
      if (!(item instanceof ComponentItem.Interface i)) {
        throw new dev.wasmlayer.LinkException(
            "the component imports no interface "
                + iface
                + " (imports: "
                + component.imports()
                + ")");
      }
      dev.wasmlayer.internal.wit.WitHosts.of(i, iface, impl)
          .forEach((name, f) -> func(iface, name, f.getKey(), f.getValue()));
      return this;
    }

    /**
     * Adds a host resource type to an interface. Its constructor, methods and static functions are
     * functions of the same interface named as WIT names them ({@code [constructor]file}, {@code
     * [method]file.read}, {@code [static]file.open}).
     *
     * @param iface the interface
     * @param name the resource's name there
     * @param type a host resource type
     * @return this builder
     */
    public Builder resource(String iface, String name, ResourceType type) {
      resources.add(new HostResource(iface, name, type));
      return this;
    }

    /**
     * Links WASI 0.2 ({@code wasi:cli}, {@code wasi:io}, {@code wasi:clocks}, {@code wasi:random},
     * {@code wasi:filesystem}) served by the store's WASI config.
     *
     * @return this builder
     */
    public Builder wasi() {
      this.wasi = true;
      return this;
    }

    /** {@return the imports} */
    public ComponentImports build() {
      return new ComponentImports(this);
    }
  }
}
