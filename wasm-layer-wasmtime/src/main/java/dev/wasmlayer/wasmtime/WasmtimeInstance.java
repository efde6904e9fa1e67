package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.Extern;
import dev.wasmlayer.spi.support.InstanceBase;
import dev.wasmlayer.types.ExportType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.TagType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code wasmtime_instance_t}. Exports are wrapped when first asked for, one by one:
 * instantiating wraps nothing, so a short-lived instance that calls one function pays for one
 * wrapper.
 */
final class WasmtimeInstance extends InstanceBase<WasmtimeStore<?>, WasmtimeModule> {
  /**
   * The instance's native block: the {@code wasmtime_instance_t} at 0, a {@code wasmtime_extern_t}
   * for export lookups after it, then the import array instantiation used.
   */
  static final int BLOCK_HEAD = Layout.INSTANCE_SIZE + Layout.EXTERN_SIZE;

  private final Memory instance;

  /**
   * Exports wrapped so far, under the store's gate; null marks a name the instance does not export.
   */
  private final Map<String, Extern> wrapped = new HashMap<>();

  private volatile Map<String, Extern> exports;

  WasmtimeInstance(WasmtimeStore<?> store, WasmtimeModule module, Memory instance) {
    super(store, module);
    this.instance = instance;
  }

  @Override
  public Optional<Extern> export(String name) {
    store.checkOpen();
    if (exports != null) {
      return Optional.ofNullable(exports.get(name));
    }
    long gate = store.enterAccess(); // the store's gate also guards the map: one thread at a time
    try {
      if (!wrapped.containsKey(name)) {
        wrapped.put(name, lookup(name));
      }
      return Optional.ofNullable(wrapped.get(name));
    } finally {
      store.exitAccess(gate);
    }
  }

  private Extern lookup(String name) {
    Pointer ext =
        instance.share(Layout.INSTANCE_SIZE, Layout.EXTERN_SIZE); // wrap copies what it keeps
    byte[] utf8 = Natives.utf8(name);
    if (Wasmtime.wasmtime_instance_export_get(store.context(), instance, utf8, utf8.length, ext)
        == 0) {
      return null;
    }
    ExportType e = module.export(name);
    if (ext.getByte(0) == Layout.EXTERN_FUNC && e != null && e.type() instanceof FuncType ft) {
      // the module's type: wasmtime's, with concrete heap types' indices kept; no query
      return store.func(ext.share(Layout.EXTERN_OF), ft);
    }
    if (ext.getByte(0) == Layout.EXTERN_TAG && e != null && e.type() instanceof TagType tt) {
      return store.tag(ext.share(Layout.EXTERN_OF), tt); // the declared type, as for functions
    }
    return WasmtimeExterns.wrap(store, ext);
  }

  @Override
  public Map<String, Extern> exports() {
    store.checkOpen();
    if (exports == null) {
      Map<String, Extern> map = new LinkedHashMap<>();
      for (ExportType e : module.exports()) {
        export(e.name()).ifPresent(x -> map.put(e.name(), x));
      }
      exports = Collections.unmodifiableMap(map);
    }
    return exports;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    store.checkOpen();
    return WasmtimeExterns.unwrap(instance, type, "instance", "wasmtime_instance_t*");
  }
}
