package dev.wasmlayer.wasmtime;

import com.sun.jna.Pointer;
import dev.wasmlayer.CompileException;
import dev.wasmlayer.Component;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.spi.WasmBytes;
import dev.wasmlayer.spi.support.CloseOnce;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A compiled {@code wasmtime_component_t}: immutable, shareable across stores and threads of its
 * engine. Its import and export names are read once, from its type.
 */
final class WasmtimeComponent implements Component {
  private final WasmtimeEngine engine;
  private final Pointer component;
  private final List<String> imports;
  private final List<String> exports;
  private final CloseOnce closed = new CloseOnce("component");
  private final Cleaner.Cleanable cleanable;

  /** Stores instantiating it now: a close waits for the last one to free it. */
  private final AtomicInteger users = new AtomicInteger();

  private WasmtimeComponent(WasmtimeEngine engine, Pointer component) {
    this.engine = engine;
    this.component = component;
    Pointer type = Wasmtime.wasmtime_component_type(component);
    try {
      this.imports = names(type, engine.pointer(), true);
      this.exports = names(type, engine.pointer(), false);
    } catch (RuntimeException | Error e) {
      Wasmtime.wasmtime_component_delete(component);
      throw e;
    } finally {
      Wasmtime.wasmtime_component_type_delete(type);
    }
    this.cleanable =
        WasmtimeEngine.CLEANER.register(this, () -> Wasmtime.wasmtime_component_delete(component));
  }

  /** Compiles {@code bytes}; a core module or garbage is a {@link CompileException}. */
  static WasmtimeComponent compile(WasmtimeEngine engine, byte[] bytes) {
    long[] out = new long[1];
    Pointer err = Wasmtime.wasmtime_component_new(engine.pointer(), bytes, bytes.length, out);
    if (err != null) {
      String why = Natives.consumeError(err);
      boolean malformed =
          !WasmBytes.isComponent(bytes)
              || why.contains("malformed")
              || why.contains("unexpected end")
              || why.contains("magic");
      throw new CompileException(
          malformed ? CompileException.Reason.MALFORMED : CompileException.Reason.INVALID,
          (isCoreModule(bytes) ? "a core module, not a component (use Engine.compile): " : "")
              + why,
          null);
    }
    return new WasmtimeComponent(engine, Natives.pointer(out));
  }

  private static boolean isCoreModule(byte[] b) {
    return b.length >= 8 && b[0] == 0 && b[1] == 'a' && b[2] == 's' && b[3] == 'm' && b[6] == 0;
  }

  private static List<String> names(Pointer type, Pointer engine, boolean imports) {
    long n =
        imports
            ? Wasmtime.wasmtime_component_type_import_count(type, engine)
            : Wasmtime.wasmtime_component_type_export_count(type, engine);
    List<String> out = new ArrayList<>((int) n);
    long[] name = new long[1];
    long[] len = new long[1];
    long[] ext = new long[1];
    for (long i = 0; i < n; i++) {
      byte ok =
          imports
              ? Wasmtime.wasmtime_component_type_import_nth(type, engine, i, name, len, ext)
              : Wasmtime.wasmtime_component_type_export_nth(type, engine, i, name, len, ext);
      if (ok == 0) {
        break;
      }
      out.add(
          new String(new Pointer(name[0]).getByteArray(0, (int) len[0]), StandardCharsets.UTF_8));
      if (ext[0] != 0) {
        Wasmtime.wasmtime_component_extern_delete(new Pointer(ext[0]));
      }
    }
    return List.copyOf(out);
  }

  /** The component, held until {@link #release}: a close meanwhile frees it afterwards. */
  Pointer acquire() {
    users.incrementAndGet();
    if (closed.isClosed()) {
      release();
      throw new IllegalStateException("the component is closed");
    }
    return component;
  }

  void release() {
    if (users.decrementAndGet() == 0 && closed.isClosed()) {
      cleanable.clean(); // idempotent: whoever comes last frees it
    }
  }

  @Override
  public WasmtimeEngine engine() {
    return engine;
  }

  @Override
  public List<String> imports() {
    return imports;
  }

  @Override
  public List<String> exports() {
    return exports;
  }

  /** The WIT types of its imports and exports, read once on first use. */
  private record Types(Map<String, ComponentItem> imports, Map<String, ComponentItem> exports) {}

  private volatile Types types;

  private Types types() {
    Types t = types;
    if (t == null) {
      synchronized (this) {
        t = types;
        if (t == null) {
          t = readTypes();
          types = t;
        }
      }
    }
    return t;
  }

  private Types readTypes() {
    Pointer c = acquire();
    try {
      Pointer type = Wasmtime.wasmtime_component_type(c);
      try (WitTypeReader reader = new WitTypeReader(engine.pointer())) {
        reader.registerResources(type, false);
        reader.registerResources(type, true);
        return new Types(
            Collections.unmodifiableMap(reader.items(type, true)),
            Collections.unmodifiableMap(reader.items(type, false)));
      } finally {
        Wasmtime.wasmtime_component_type_delete(type);
      }
    } finally {
      release();
    }
  }

  @Override
  public Map<String, ComponentItem> importTypes() {
    closed.check();
    return types().imports();
  }

  @Override
  public Map<String, ComponentItem> exportTypes() {
    closed.check();
    return types().exports();
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    closed.check();
    return WasmtimeExterns.unwrap(component, type, "component", "wasmtime_component_t*");
  }

  @Override
  public void close() {
    if (closed.close() && users.get() == 0) {
      cleanable.clean();
    }
  }
}
