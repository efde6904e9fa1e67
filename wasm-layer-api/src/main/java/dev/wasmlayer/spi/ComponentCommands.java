package dev.wasmlayer.spi;

import dev.wasmlayer.Component;

/**
 * What a backend's store implements to run WASI 0.2 command components for {@link
 * dev.wasmlayer.wasi.Wasi#run(dev.wasmlayer.Store, Component)}.
 */
public interface ComponentCommands {
  /**
   * Instantiates {@code command} in this store with WASI 0.2 from its config and calls its {@code
   * wasi:cli/run} export.
   *
   * @param command a component of this store's engine
   * @return 0 when {@code run} returns ok, 1 when it returns an error
   * @throws dev.wasmlayer.ExitException when the program exits through {@code wasi:cli/exit}
   */
  int runCommand(Component command);
}
