package dev.wasmlayer.spi.support;

import dev.wasmlayer.Global;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.GlobalType;
import java.util.Objects;

/**
 * A global as every backend gates it: reads and writes under the store's access gate, immutable
 * ones refused. A backend writes the engine's read and write.
 *
 * @param <S> the backend's store
 */
public abstract class GlobalBase<S extends StoreBase<?, ?>> implements Global, StoreObject {
  /** The store the global belongs to. */
  protected final S store;

  /** Its type. */
  protected final GlobalType type;

  /**
   * A global.
   *
   * @param store the store it belongs to
   * @param type its type
   */
  protected GlobalBase(S store, GlobalType type) {
    this.store = store;
    this.type = type;
  }

  @Override
  public final S store() {
    return store;
  }

  @Override
  public GlobalType type() {
    return type;
  }

  @Override
  public final Value get() {
    return store.withAccess(this::read);
  }

  @Override
  public final void set(Value value) {
    Objects.requireNonNull(value, "value");
    store.withAccess(
        () -> {
          if (!type.mutable()) {
            throw new UnsupportedOperationException(
                "cannot set an immutable global of type " + type);
          }
          write(value);
          return null;
        });
  }

  /** {@return the value, read under the access gate} */
  protected abstract Value read();

  /**
   * Writes {@code value} (not yet checked against the type) under the access gate.
   *
   * @param value the new value
   */
  protected abstract void write(Value value);
}
