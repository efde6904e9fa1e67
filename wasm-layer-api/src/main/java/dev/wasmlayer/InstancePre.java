package dev.wasmlayer;

import dev.wasmlayer.types.ImportType;
import java.util.List;

/**
 * A module whose imports a {@link Linker} resolved and checked once: it instantiates into any store
 * of its engine without looking anything up again. Immutable and thread-safe; it stays usable after
 * stores it instantiated into close. Store-owned externs defined into the linker can only be used
 * with their own store.
 */
public interface InstancePre {
  /** {@return the engine whose stores it instantiates into} */
  Engine engine();

  /** {@return the module} */
  Module module();

  /** {@return the module's imports, in order} */
  default List<ImportType> imports() {
    return module().imports();
  }

  /**
   * Instantiates the module into {@code store}, running its start section (never an exported {@code
   * _start}). The store's limits, fuel and deadline apply as to {@link Store#instantiate(Module,
   * Imports)}.
   *
   * @param store a store of {@link #engine()}
   * @return the instance
   * @throws IllegalArgumentException if the store belongs to another engine
   * @throws LinkException if WASI imports were left to the store and it has no WASI, or a
   *     store-owned extern belongs to another store
   * @throws TrapException if the start section traps
   * @throws LimitException if the module's memories or tables start larger than what is left of the
   *     store's caps
   */
  Instance instantiate(Store<?> store);
}
