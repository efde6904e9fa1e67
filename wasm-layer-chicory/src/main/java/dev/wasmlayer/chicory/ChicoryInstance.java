package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.Instance;
import dev.wasmlayer.Extern;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.types.ExportType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Chicory instance with its exports wrapped once, at instantiation. */
final class ChicoryInstance implements dev.wasmlayer.Instance {
  private final ChicoryStore<?> store;
  private final ChicoryModule module;
  private final Instance instance;
  private final Map<String, Extern> exports;

  ChicoryInstance(ChicoryStore<?> store, ChicoryModule module, Instance instance) {
    this.store = store;
    this.module = module;
    this.instance = instance;
    Map<String, Integer> indexes = new java.util.HashMap<>();
    var section = instance.module().exportSection();
    for (int i = 0; i < section.exportCount(); i++) {
      indexes.put(section.getExport(i).name(), section.getExport(i).index());
    }
    Map<String, Extern> map = new LinkedHashMap<>();
    for (ExportType e : module.exports()) {
      Extern x = wrapExport(e, indexes.get(e.name()));
      if (x != null) {
        map.put(e.name(), x);
      }
    }
    this.exports = Collections.unmodifiableMap(map);
  }

  private Extern wrapExport(ExportType e, int index) {
    switch (e.type().kind()) {
      case FUNC:
        return store.func(instance, index, e.name());
      case MEMORY:
        return store.wrap(instance.exports().memory(e.name()));
      case GLOBAL:
        return store.wrap(instance.exports().global(e.name()));
      case TABLE:
        return store.wrap(instance.exports().table(e.name()));
      default:
        return null; // tags have no host API yet
    }
  }

  Instance chicoryInstance() {
    return instance;
  }

  @Override
  public Module module() {
    return module;
  }

  @Override
  public Store<?> store() {
    return store;
  }

  @Override
  public Map<String, Extern> exports() {
    store.checkOpen();
    return exports;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    store.checkOpen();
    if (type.isInstance(instance)) {
      return type.cast(instance);
    }
    throw new IllegalArgumentException("a Chicory instance unwraps to " + Instance.class.getName() + ", not "
        + type.getName());
  }
}
