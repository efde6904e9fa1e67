package dev.wasmlayer.spi;

import dev.wasmlayer.Engine;
import dev.wasmlayer.Instance;
import dev.wasmlayer.InstancePre;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.spi.LinkedImports;
import dev.wasmlayer.wasi.Wasi;
import java.util.Objects;

/**
 * An {@link InstancePre} for engines without native pre-linking: the imports were resolved and checked once, into
 * exactly one binding per import, and each instantiation goes through the store's ordinary path with them.
 */
public final class PortableInstancePre implements InstancePre {
  private final LinkedImports linked;

  /**
   * Wraps resolved imports.
   *
   * @param linked the module and what its imports are bound to
   */
  public PortableInstancePre(LinkedImports linked) {
    this.linked = Objects.requireNonNull(linked, "linked");
  }

  @Override
  public Engine engine() {
    return linked.engine();
  }

  @Override
  public Module module() {
    return linked.module();
  }

  @Override
  public Instance instantiate(Store<?> store) {
    check(linked, store);
    return store.instantiate(linked.module(), linked.imports());
  }

  /**
   * The checks every {@link InstancePre} makes on the store it instantiates into: same engine, WASI when needed.
   *
   * @param linked the resolved imports
   * @param store the store
   */
  public static void check(LinkedImports linked, Store<?> store) {
    Objects.requireNonNull(store, "store");
    if (store.engine() != linked.engine()) {
      throw new IllegalArgumentException("the store was made by another Engine instance (" + store.engine().id()
          + ") than the one this InstancePre was linked with (" + linked.engine().id() + "): make the store with "
          + "instancePre.engine().newStore(...)");
    }
    if (linked.needsWasi() && store.config().wasi().isEmpty()) {
      throw new LinkException("the linker left the " + Wasi.MODULE + " imports to the store's WASI, and this store "
          + "has none (StoreConfig.builder().wasi(...))");
    }
  }
}
