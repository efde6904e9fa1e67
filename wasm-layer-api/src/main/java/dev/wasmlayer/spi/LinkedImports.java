package dev.wasmlayer.spi;

import dev.wasmlayer.Engine;
import dev.wasmlayer.Imports;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.types.ImportType;
import dev.wasmlayer.wasi.Wasi;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A module's imports resolved once by a {@link dev.wasmlayer.Linker} and checked against its import
 * types: one entry per import, in the module's order.
 *
 * @param engine the engine the linker belongs to
 * @param module the module
 * @param bindings what each import is bound to, index-aligned with {@code module.imports()}; empty
 *     where the store's WASI provides it
 * @param imports the same bindings as {@link Imports}, for a backend's ordinary instantiation path
 * @param needsWasi whether some import is left to the store's WASI
 */
public record LinkedImports(
    Engine engine,
    Module module,
    List<Optional<Imports.Binding>> bindings,
    Imports imports,
    boolean needsWasi) {
  /** Checks arguments and freezes the list. */
  public LinkedImports {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(module, "module");
    bindings = List.copyOf(bindings);
    Objects.requireNonNull(imports, "imports");
  }

  /** {@return the module's imports, in order} */
  public List<ImportType> types() {
    return module.imports();
  }

  /**
   * The checks every {@link dev.wasmlayer.InstancePre} makes on the store it instantiates into:
   * same engine, WASI when needed.
   *
   * @param store the store
   * @throws IllegalArgumentException if another engine instance made the store
   * @throws LinkException if some import is left to the store's WASI and the store has none
   */
  public void checkStore(Store<?> store) {
    Objects.requireNonNull(store, "store");
    if (store.engine() != engine) {
      throw new IllegalArgumentException(
          "the store was made by another Engine instance ("
              + store.engine().id()
              + ") than the one this InstancePre was linked with ("
              + engine.id()
              + "): make the store with "
              + "instancePre.engine().newStore(...)");
    }
    if (needsWasi && store.config().wasi().isEmpty()) {
      throw new LinkException(
          "the linker left the "
              + Wasi.MODULE
              + " imports to the store's WASI, and this store "
              + "has none (StoreConfig.builder().wasi(...))");
    }
  }
}
