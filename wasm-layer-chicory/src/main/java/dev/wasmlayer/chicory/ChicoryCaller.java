package dev.wasmlayer.chicory;

import dev.wasmlayer.Extern;
import dev.wasmlayer.spi.support.CallerBase;
import java.util.Optional;

/** The calling instance, as a host function sees it. */
final class ChicoryCaller extends CallerBase<ChicoryStore<?>> {
  private final ChicoryInstance instance;

  ChicoryCaller(ChicoryStore<?> store, ChicoryInstance instance) {
    super(store);
    this.instance = instance;
  }

  @Override
  public Optional<Extern> export(String name) {
    store.checkOpen();
    return instance.export(name);
  }
}
