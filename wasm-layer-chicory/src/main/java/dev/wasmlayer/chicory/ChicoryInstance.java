package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.Instance;
import dev.wasmlayer.Extern;
import dev.wasmlayer.spi.support.InstanceBase;
import dev.wasmlayer.types.ExportType;
import java.util.HashMap;
import java.util.Map;

/** A Chicory instance with its exports wrapped once, at instantiation. */
final class ChicoryInstance extends InstanceBase<ChicoryStore<?>, ChicoryModule> {
  private final Instance instance;

  ChicoryInstance(ChicoryStore<?> store, ChicoryModule module, Instance instance) {
    super(store, module);
    this.instance = instance;
    Map<String, Integer> indexes = new HashMap<>();
    var section = instance.module().exportSection();
    for (int i = 0; i < section.exportCount(); i++) {
      indexes.put(section.getExport(i).name(), section.getExport(i).index());
    }
    wrapExports(e -> wrapExport(e, indexes.get(e.name())));
  }

  private Extern wrapExport(ExportType e, int index) {
    return switch (e.type().kind()) {
      case FUNC -> store.func(instance, index, e.name());
      case MEMORY -> store.wrap(instance.exports().memory(e.name()));
      case GLOBAL -> store.wrap(instance.exports().global(e.name()));
      case TABLE -> store.wrap(instance.exports().table(e.name()));
      default -> null; // tags have no host API yet
    };
  }

  Instance chicoryInstance() {
    return instance;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    store.checkOpen();
    if (type.isInstance(instance)) {
      return type.cast(instance);
    }
    throw new IllegalArgumentException(
        "a Chicory instance unwraps to " + Instance.class.getName() + ", not " + type.getName());
  }
}
