package dev.wasmlayer.spi.support;

import dev.wasmlayer.Extern;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.types.ExportType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * An instance as every backend answers for its store, module and exports: the exports are wrapped
 * once, in the module's export order, and refused once the store is closed. A backend that wraps
 * lazily overrides {@link #exports()}.
 *
 * @param <S> the backend's store
 * @param <M> the backend's module
 */
public abstract class InstanceBase<S extends StoreBase<?, ?>, M extends Module>
    implements Instance {
  /** The store the instance belongs to. */
  protected final S store;

  /** The module it was instantiated from. */
  protected final M module;

  private volatile Map<String, Extern> exports = Map.of(); // set once, after the constructor

  /**
   * An instance.
   *
   * @param store the store it belongs to
   * @param module the module it was instantiated from
   */
  protected InstanceBase(S store, M module) {
    this.store = store;
    this.module = module;
  }

  /**
   * Wraps every export of the module once, in its order; an export {@code wrap} answers null for (a
   * tag, which has no host API) is left out.
   *
   * @param wrap the wrapper of one export, or null
   */
  protected final void wrapExports(Function<ExportType, Extern> wrap) {
    Map<String, Extern> map = new LinkedHashMap<>();
    for (ExportType e : module.exports()) {
      Extern x = wrap.apply(e);
      if (x != null) {
        map.put(e.name(), x);
      }
    }
    exports = Collections.unmodifiableMap(map);
  }

  @Override
  public final M module() {
    return module;
  }

  @Override
  public final Store<?> store() {
    return store;
  }

  @Override
  public Map<String, Extern> exports() {
    store.checkOpen();
    return exports;
  }
}
