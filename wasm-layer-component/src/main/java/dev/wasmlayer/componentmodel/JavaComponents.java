package dev.wasmlayer.componentmodel;

import dev.wasmlayer.Component;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Store;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.componentmodel.wasi.WasiPreview2;
import dev.wasmlayer.spi.support.EngineBase;
import java.util.function.Supplier;

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
    return instantiate(
        store,
        component,
        imports,
        () -> {
          throw new UnsupportedFeatureException(
              Feature.WASI_COMPONENTS, store.engine().id(), "WASI 0.2 for components");
        });
  }

  /**
   * Instantiates a component compiled by {@link #compile} in {@code store}, with WASI 0.2 from the
   * store's host when the imports ask for it.
   *
   * @param store the store
   * @param component the component
   * @param imports its imports
   * @param wasi the store's WASI 0.2 host (made once per store, closed with it), asked for only
   *     when {@code imports} link WASI
   * @return the instance
   */
  public static ComponentInstance instantiate(
      Store<?> store, Component component, ComponentImports imports, Supplier<WasiPreview2> wasi) {
    return dev.wasmlayer.componentmodel.internal.Components.instantiate(
        store, component, imports, wasi);
  }

  /**
   * Runs a WASI 0.2 command component in {@code store}, for {@code ComponentCommands.runCommand}.
   *
   * @param store the store
   * @param command the command
   * @param wasi the store's WASI 0.2 host
   * @return 0 when {@code wasi:cli/run} returns ok, 1 when it returns an error
   * @throws dev.wasmlayer.ExitException when the program exits through {@code wasi:cli/exit}
   */
  public static int runCommand(Store<?> store, Component command, Supplier<WasiPreview2> wasi) {
    return dev.wasmlayer.componentmodel.internal.Components.runCommand(store, command, wasi);
  }
}
