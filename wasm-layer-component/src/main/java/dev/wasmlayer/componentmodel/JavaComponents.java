package dev.wasmlayer.componentmodel;

import dev.wasmlayer.Component;
import dev.wasmlayer.Store;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.spi.support.EngineBase;

/**
 * The entry points a backend calls to get the component model in Java: from its engine's {@code
 * compileComponentOpen} and its store's {@code instantiateComponent} and {@code runCommand}.
 */
public final class JavaComponents {
  private JavaComponents() {}

  /**
   * Parses and validates a component and compiles its core modules with {@code engine}.
   *
   * @param engine the engine
   * @param bytes the component's binary
   * @return the component
   */
  public static Component compile(EngineBase engine, byte[] bytes) {
    return dev.wasmlayer.componentmodel.internal.Components.compile(engine, bytes);
  }

  /**
   * Instantiates a component compiled by {@link #compile} in {@code store}.
   *
   * @param store the store
   * @param component the component
   * @param imports its imports
   * @return the instance
   */
  public static ComponentInstance instantiate(
      Store<?> store, Component component, ComponentImports imports) {
    return dev.wasmlayer.componentmodel.internal.Components.instantiate(store, component, imports);
  }
}
