package dev.wasmlayer.spi.support;

import dev.wasmlayer.Caller;
import dev.wasmlayer.Store;

/**
 * A host function's caller as every backend answers for its store and data; a backend finds the
 * exports.
 *
 * @param <S> the backend's store
 */
public abstract class CallerBase<S extends StoreBase<?, ?>> implements Caller<Object> {
  /** The store the host function runs in. */
  protected final S store;

  /**
   * A caller.
   *
   * @param store the store the host function runs in
   */
  protected CallerBase(S store) {
    this.store = store;
  }

  @Override
  public final Object data() {
    return store.data();
  }

  @Override
  public final Store<?> store() {
    return store;
  }
}
