package dev.wasmlayer.chicory;

import dev.wasmlayer.Caller;
import dev.wasmlayer.Extern;
import dev.wasmlayer.Store;
import java.util.Optional;

/** The calling instance, as a host function sees it. */
final class ChicoryCaller implements Caller<Object> {
  private final ChicoryStore<?> store;
  private final ChicoryInstance instance;

  ChicoryCaller(ChicoryStore<?> store, ChicoryInstance instance) {
    this.store = store;
    this.instance = instance;
  }

  @Override
  public Object data() {
    return store.data();
  }

  @Override
  public Store<?> store() {
    return store;
  }

  @Override
  public Optional<Extern> export(String name) {
    store.checkOpen();
    return instance.export(name);
  }
}
