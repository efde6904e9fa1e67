package dev.wasmlayer.component;

import dev.wasmlayer.Component;
import dev.wasmlayer.Store;
import java.util.Optional;

/**
 * A component instantiated in a store, with {@link Store#instantiate(Component, ComponentImports)}.
 */
public interface ComponentInstance {
  /** {@return the component it is an instance of} */
  Component component();

  /** {@return its store} */
  Store<?> store();

  /**
   * {@return the function the component exports under {@code name} at its top level}
   *
   * @param name the export name
   */
  Optional<ComponentFunc> func(String name);

  /**
   * {@return a function of an exported interface}
   *
   * @param iface the interface's export name, such as {@code example:demo/greeter}
   * @param name the function's name in it
   */
  Optional<ComponentFunc> func(String iface, String name);

  /**
   * {@return a typed view of an exported interface}: each abstract method of {@code view} calls the
   * function of the same name in kebab-case (or its {@link WitName}), converting Java records to
   * WIT records by field name, enums to WIT enums, the records of a sealed interface to variant
   * cases (by simple name), {@code EnumSet}s to flags, {@code Optional} or null to options, arrays
   * and lists to lists. A method returning a result's success type throws {@link WitErrorException}
   * for its error; declare {@link WitResult} to get both.
   *
   * @param <T> the view type
   * @param iface the exported interface, or {@code ""} for the component's top-level functions
   * @param view a Java interface
   * @throws dev.wasmlayer.LinkException if a method has no function or the wrong arity
   */
  default <T> T bind(String iface, Class<T> view) {
    return dev.wasmlayer.internal.wit.WitViews.bind(this, iface, view);
  }
}
