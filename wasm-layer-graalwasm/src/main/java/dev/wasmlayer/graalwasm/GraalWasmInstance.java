package dev.wasmlayer.graalwasm;

import dev.wasmlayer.Extern;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.types.ExportType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.TableType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An instance: its exports wrapped once, in the module's export order, with types from the module's binary. */
final class GraalWasmInstance implements Instance {
  /**
   * Where host functions of one instantiation find their instance. GraalWasm gives host functions no caller, so the
   * instance is filled in as soon as instantiation returns; before that (the start section) it is empty.
   */
  static final class Slot {
    private GraalWasmInstance instance;

    void set(GraalWasmInstance instance) {
      this.instance = instance;
    }

    GraalWasmInstance get() {
      return instance;
    }
  }

  private final GraalWasmStore<?> store;
  private final GraalWasmModule module;
  private final Map<String, Extern> exports;

  GraalWasmInstance(GraalWasmStore<?> store, GraalWasmModule module, org.graalvm.polyglot.Value guestExports) {
    this.store = store;
    this.module = module;
    Map<String, Extern> map = new LinkedHashMap<>();
    for (ExportType e : module.exports()) {
      org.graalvm.polyglot.Value v = guestExports.getMember(e.name());
      switch (e.type().kind()) {
        case FUNC:
          map.put(e.name(), store.func(v, (FuncType) e.type()));
          break;
        case MEMORY:
          map.put(e.name(), store.memory(v, (MemoryType) e.type()));
          break;
        case GLOBAL:
          map.put(e.name(), store.global(v, (GlobalType) e.type()));
          break;
        case TABLE:
          map.put(e.name(), store.table(v, (TableType) e.type()));
          break;
        default:
          break; // tags: GraalWasm 25 has no exceptions, and such modules do not compile
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
    throw new IllegalArgumentException("a GraalWasm instance has no object to unwrap to " + type.getName()
        + "; use its exports");
  }
}
