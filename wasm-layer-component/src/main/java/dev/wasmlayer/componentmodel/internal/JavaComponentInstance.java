package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.Component;
import dev.wasmlayer.Store;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.spi.support.StoreBase;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A component instance of the Java component model. */
final class JavaComponentInstance implements ComponentInstance {
  private final Component component;
  private final InstanceState state;
  private final Map<String, Object> exports;

  JavaComponentInstance(Component component, InstanceState state, Map<String, Object> exports) {
    this.component = component;
    this.state = state;
    this.exports = exports;
  }

  @Override
  public Component component() {
    return component;
  }

  @Override
  public Store<?> store() {
    return state.store;
  }

  @Override
  public Optional<ComponentFunc> func(String name) {
    Objects.requireNonNull(name, "name");
    return lookup(exports.get(name), name);
  }

  @Override
  public Optional<ComponentFunc> func(String iface, String name) {
    Objects.requireNonNull(iface, "iface");
    Objects.requireNonNull(name, "name");
    if (iface.isEmpty()) {
      return func(name);
    }
    Object i = exports.get(iface);
    return lookup(i instanceof Map<?, ?> m ? m.get(name) : null, iface + "#" + name);
  }

  /**
   * Looks an export up at the store's gate, as every use of a store's objects is: a thread other
   * than the one inside a call is refused with an {@link IllegalStateException}.
   */
  private Optional<ComponentFunc> lookup(Object item, String key) {
    StoreBase<?, ?> gate = state.store instanceof StoreBase<?, ?> b ? b : null;
    long token = gate == null ? 0 : gate.enterAccess();
    try {
      return item instanceof CFunc f
          ? Optional.of(new ExportedFunc(key, f, state))
          : Optional.empty();
    } finally {
      if (gate != null) {
        gate.exitAccess(token);
      }
    }
  }
}
