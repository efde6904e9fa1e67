package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import dev.wasmlayer.Extern;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.types.ExportType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@code wasmtime_instance_t} with its exports wrapped once. */
final class WasmtimeInstance implements Instance {
  private final WasmtimeStore<?> store;
  private final WasmtimeModule module;
  private final Memory instance;
  private final Map<String, Extern> exports;

  WasmtimeInstance(WasmtimeStore<?> store, WasmtimeModule module, Memory instance) {
    this.store = store;
    this.module = module;
    this.instance = instance;
    Map<String, Extern> map = new LinkedHashMap<>();
    Memory ext = Natives.alloc(Layout.EXTERN_SIZE);
    for (ExportType e : module.exports()) {
      byte[] name = Natives.utf8(e.name());
      if (Wasmtime.wasmtime_instance_export_get(store.context(), instance, name, name.length, ext) != 0) {
        Extern x = WasmtimeExterns.wrap(store, ext);
        if (x != null) {
          map.put(e.name(), x);
        }
      }
    }
    this.exports = Collections.unmodifiableMap(map);
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
    if (type == com.sun.jna.Pointer.class) {
      return type.cast(instance);
    }
    throw new IllegalArgumentException("a wasmtime instance unwraps to a Pointer (wasmtime_instance_t*)");
  }
}
