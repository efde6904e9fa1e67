package dev.wasmlayer;

import dev.wasmlayer.spi.LinkedImports;
import java.util.Objects;

/**
 * The {@link InstancePre} {@link Linker} makes for engines without native pre-linking: the imports
 * were resolved and checked once, into exactly one binding per import, and each instantiation goes
 * through the store's ordinary path with them.
 */
final class PortableInstancePre implements InstancePre {
  private final LinkedImports linked;

  PortableInstancePre(LinkedImports linked) {
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
    linked.checkStore(store);
    return store.instantiate(linked.module(), linked.imports());
  }
}
