package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.Store;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code wasmtime_component_instance_t} in a store. Its functions are looked up once each, by the
 * component's export types. After a trap wasmtime cannot enter the instance again, so it refuses
 * every later call itself, with an {@link IllegalStateException}, without entering wasmtime.
 */
final class WasmtimeComponentInstance implements ComponentInstance {
  private final WasmtimeStore<?> store;
  private final WasmtimeComponent component;
  private final Memory instance;
  private final Map<String, ComponentItem> exports;
  private final Map<String, Optional<ComponentFunc>> funcs = new HashMap<>();
  private volatile boolean trapped;

  WasmtimeComponentInstance(WasmtimeStore<?> store, WasmtimeComponent component, Memory instance) {
    this.store = store;
    this.component = component;
    this.instance = instance;
    this.exports = component.exportTypes(); // kept: the instance outlives a closed component
  }

  @Override
  public WasmtimeComponent component() {
    return component;
  }

  @Override
  public Store<?> store() {
    return store;
  }

  WasmtimeStore<?> wasmtimeStore() {
    return store;
  }

  /** Marks the instance as trapped: no call enters it again. */
  void trapped() {
    trapped = true;
  }

  /** Refuses a call after a trap. */
  void checkUsable(String func) {
    if (trapped) {
      throw new IllegalStateException(
          "cannot call "
              + func
              + ": the component instance trapped earlier; instantiate again (wasmtime cannot"
              + " enter an instance after a trap)");
    }
  }

  @Override
  public Optional<ComponentFunc> func(String name) {
    Objects.requireNonNull(name, "name");
    return lookup(null, name, exports.get(name));
  }

  @Override
  public Optional<ComponentFunc> func(String iface, String name) {
    Objects.requireNonNull(iface, "iface");
    Objects.requireNonNull(name, "name");
    ComponentItem item = exports.get(iface);
    if (!(item instanceof ComponentItem.Interface i)) {
      return Optional.empty();
    }
    return lookup(iface, name, i.items().get(name));
  }

  private synchronized Optional<ComponentFunc> lookup(
      String iface, String name, ComponentItem item) {
    if (!(item instanceof ComponentItem.Function f)) {
      return Optional.empty();
    }
    String key = iface == null ? name : iface + "#" + name;
    Optional<ComponentFunc> known = funcs.get(key);
    if (known != null) {
      return known;
    }
    Optional<ComponentFunc> found;
    long gate = store.enterAccess();
    try {
      found = find(iface, name, key, f);
    } finally {
      store.exitAccess(gate);
    }
    funcs.put(key, found);
    return found;
  }

  private Optional<ComponentFunc> find(
      String iface, String name, String key, ComponentItem.Function f) {
    Pointer parent = null;
    if (iface != null) {
      parent = exportIndex(null, iface);
      if (parent == null) {
        return Optional.empty();
      }
    }
    try {
      Pointer index = exportIndex(parent, name);
      if (index == null) {
        return Optional.empty();
      }
      try {
        Memory func = Natives.alloc(Layout.COMPONENT_FUNC_SIZE);
        if (Wasmtime.wasmtime_component_instance_get_func(instance, store.context(), index, func)
            == 0) {
          return Optional.empty();
        }
        return Optional.of(new WasmtimeComponentFunc(this, key, f.type(), func));
      } finally {
        Wasmtime.wasmtime_component_export_index_delete(index);
      }
    } finally {
      if (parent != null) {
        Wasmtime.wasmtime_component_export_index_delete(parent);
      }
    }
  }

  private Pointer exportIndex(Pointer parent, String name) {
    byte[] n = Natives.utf8(name);
    return Wasmtime.wasmtime_component_instance_get_export_index(
        instance, store.context(), parent, n, n.length);
  }
}
