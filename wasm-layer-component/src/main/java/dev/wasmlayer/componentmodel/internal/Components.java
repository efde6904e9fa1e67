package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.Store;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.componentmodel.wasi.WasiPreview2;
import java.util.Map;
import java.util.function.Supplier;

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
   * @param wasi the store's WASI 0.2 host, asked for when the imports link WASI
   * @return the instance
   */
  public static ComponentInstance instantiate(
      Store<?> store, Component component, ComponentImports imports, Supplier<WasiPreview2> wasi) {
    if (!(component instanceof JavaComponent c)) {
      throw new IllegalArgumentException(
          "not a component of the Java component model: " + component);
    }
    c.checkOpen();
    InstanceState state = new InstanceState(store);
    try {
      Map<String, Object> exports =
          Instantiator.run(c.model, state, new HostImports(imports, wasi));
      return new JavaComponentInstance(c, state, exports);
    } catch (dev.wasmlayer.WasmException | IllegalArgumentException | IllegalStateException e) {
      throw CanonTrap.unwrap(e);
    } catch (ClassCastException | IndexOutOfBoundsException | NullPointerException e) {
      // a definition that parsing let through but does not fit at run time
      throw new dev.wasmlayer.LinkException("cannot instantiate the component: " + e, e);
    }
  }

  /**
   * Runs a WASI 0.2 command: instantiates it with WASI and calls its {@code wasi:cli/run} export.
   *
   * @param store the store
   * @param command the command component
   * @param wasi the store's WASI 0.2 host
   * @return 0 when {@code run} returns ok, 1 when it returns an error
   */
  public static int runCommand(Store<?> store, Component command, Supplier<WasiPreview2> wasi) {
    String run =
        command.exports().stream()
            .filter(e -> e.equals("wasi:cli/run") || e.startsWith("wasi:cli/run@"))
            .findFirst()
            .orElseThrow(
                () ->
                    new dev.wasmlayer.LinkException(
                        "not a WASI 0.2 command: no wasi:cli/run export (exports: "
                            + command.exports()
                            + ")"));
    ComponentInstance instance =
        instantiate(store, command, ComponentImports.builder().wasi().build(), wasi);
    ComponentFunc f =
        instance
            .func(run, "run")
            .orElseThrow(() -> new dev.wasmlayer.LinkException(run + " has no function run"));
    Object result = f.call();
    return result instanceof WitResult r && r.isOk() ? 0 : 1;
  }
}
