package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.Module;
import dev.wasmlayer.component.ComponentItem;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** A component compiled by the Java component model: its parsed model and compiled core modules. */
final class JavaComponent implements Component {
  private final Engine engine;
  final ComponentModel model;
  private final Map<String, ComponentItem> importTypes;
  private final Map<String, ComponentItem> exportTypes;
  private final AtomicBoolean closed = new AtomicBoolean();

  JavaComponent(Engine engine, ComponentModel model) {
    this.engine = engine;
    this.model = model;
    this.importTypes = toApi(model.imports());
    this.exportTypes = toApi(model.exports());
  }

  private static Map<String, ComponentItem> toApi(Map<String, Item> items) {
    Map<String, ComponentItem> out = new LinkedHashMap<>();
    items.forEach((k, v) -> out.put(k, v.toApi()));
    return Collections.unmodifiableMap(out);
  }

  void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("Component is closed");
    }
  }

  @Override
  public Engine engine() {
    return engine;
  }

  @Override
  public List<String> imports() {
    return List.copyOf(importTypes.keySet());
  }

  @Override
  public List<String> exports() {
    return List.copyOf(exportTypes.keySet());
  }

  @Override
  public Map<String, ComponentItem> importTypes() {
    return importTypes;
  }

  @Override
  public Map<String, ComponentItem> exportTypes() {
    return exportTypes;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new IllegalArgumentException("a Java component does not unwrap to " + type.getName());
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      model.modules().forEach(Module::close);
    }
  }

  @Override
  public String toString() {
    return "Component[imports=" + imports() + ", exports=" + exports() + "]";
  }
}
