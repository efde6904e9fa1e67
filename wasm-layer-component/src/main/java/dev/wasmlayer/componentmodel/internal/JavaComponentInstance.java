package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.Component;
import dev.wasmlayer.Store;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentInstance;
import java.util.Map;
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
    Object v = exports.get(name);
    return v instanceof CFunc f ? Optional.of(new ExportedFunc(name, f, state)) : Optional.empty();
  }

  @Override
  public Optional<ComponentFunc> func(String iface, String name) {
    if (iface.isEmpty()) {
      return func(name);
    }
    Object i = exports.get(iface);
    if (i instanceof Map<?, ?> m && m.get(name) instanceof CFunc f) {
      return Optional.of(new ExportedFunc(iface + "#" + name, f, state));
    }
    return Optional.empty();
  }
}
