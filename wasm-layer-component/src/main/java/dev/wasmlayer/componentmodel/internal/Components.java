package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.Store;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import java.util.Map;

/** The internal entry points behind {@code JavaComponents}. */
public final class Components {
  private Components() {}

  /**
   * Parses, validates and compiles a component.
   *
   * @param engine the engine compiling its core modules
   * @param bytes the binary
   * @return the component
   */
  public static Component compile(Engine engine, byte[] bytes) {
    return new JavaComponent(engine, ComponentParser.parse(engine, bytes));
  }

  /**
   * Instantiates a component.
   *
   * @param store the store
   * @param component a component from {@link #compile}
   * @param imports its imports
   * @return the instance
   */
  public static ComponentInstance instantiate(
      Store<?> store, Component component, ComponentImports imports) {
    if (!(component instanceof JavaComponent c)) {
      throw new IllegalArgumentException(
          "not a component of the Java component model: " + component);
    }
    c.checkOpen();
    InstanceState state = new InstanceState(store);
    try {
      Map<String, Object> exports = Instantiator.run(c.model, state, new HostImports(imports));
      return new JavaComponentInstance(c, state, exports);
    } catch (RuntimeException e) {
      throw CanonTrap.unwrap(e);
    }
  }
}
