package dev.wasmlayer.spi;

import dev.wasmlayer.InstancePre;

/**
 * An {@link dev.wasmlayer.Engine} that pre-links natively implements this; {@link
 * dev.wasmlayer.Linker} then hands it the checked imports. Engines without it get an instance-pre
 * that instantiates through the store's ordinary path.
 */
public interface PreLinking {
  /**
   * {@return an instance-pre for {@code linked}, whose imports are already resolved and checked}
   *
   * @param linked the module and what its imports are bound to
   */
  InstancePre preLink(LinkedImports linked);
}
