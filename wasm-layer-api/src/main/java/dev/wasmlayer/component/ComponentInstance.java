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
}
