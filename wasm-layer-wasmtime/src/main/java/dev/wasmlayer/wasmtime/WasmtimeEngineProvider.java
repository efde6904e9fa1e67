package dev.wasmlayer.wasmtime;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Feature;
import dev.wasmlayer.NoEngineException;
import dev.wasmlayer.spi.Availability;
import dev.wasmlayer.spi.support.ProviderBase;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import dev.wasmlayer.wasmtime.internal.WasmtimeLibrary;
import java.util.Set;

/**
 * Finds wasmtime for wasm-layer. Availability only looks whether a libwasmtime candidate is there
 * (the natives jar on the class path, or a file); verifying it (extracting the natives jar once
 * into the cache, or checking a file's checksum) and loading it happen when a wasmtime engine is
 * created. See {@link WasmtimeLibrary}.
 */
public final class WasmtimeEngineProvider extends ProviderBase {
  /** The id to choose this engine with. */
  public static final String ID = "wasmtime";

  static final Set<Feature> FEATURES =
      commonAnd(
          Feature.SIMD,
          Feature.RELAXED_SIMD,
          Feature.TAIL_CALLS,
          Feature.EXCEPTIONS,
          Feature.MEMORY64,
          Feature.TRAP_FRAMES,
          Feature.FUEL,
          Feature.START_CALLER,
          Feature.POOLING_ALLOCATOR,
          Feature.GC,
          Feature.COMPONENTS,
          Feature.WASI_COMPONENTS,
          Feature.COMPONENT_TEXT,
          Feature.SERIALIZATION);

  private static volatile WasmtimeLibrary.Located located;
  private static volatile WasmtimeLibrary.Found found;

  /** Used by {@link java.util.ServiceLoader}. */
  public WasmtimeEngineProvider() {
    super(ID, "wasmtime", 300, FEATURES);
  }

  /** What is there, looked at once per JVM: no library is read or loaded. */
  static WasmtimeLibrary.Located located() {
    WasmtimeLibrary.Located l = located;
    if (l == null) {
      l = WasmtimeLibrary.locate();
      located = l;
    }
    return l;
  }

  /** The verified library, searched once per JVM when the first engine is created. */
  static synchronized WasmtimeLibrary.Found library() {
    WasmtimeLibrary.Found f = found;
    if (f == null) {
      f = WasmtimeLibrary.find(located());
      found = f;
    }
    return f;
  }

  @Override
  public String version() {
    return WasmtimeLibrary.VERSION;
  }

  @Override
  public Availability availability() {
    return availabilityOf(located());
  }

  /** Available when something is there to try; otherwise why not, on one line. */
  static Availability availabilityOf(WasmtimeLibrary.Located l) {
    if (l.present()) {
      return Availability.yes();
    }
    // one line, for the discovery log and NoEngineException: the explicit path that is missing if
    // one was set, the fix
    String explicit =
        l.report().stream()
            .filter(r -> r.endsWith(": no such file"))
            .findFirst()
            .map(r -> " (" + r + ")")
            .orElse("");
    return Availability.no(
        "no libwasmtime "
            + WasmtimeLibrary.VERSION
            + " for "
            + WasmtimeLibrary.platform()
            + explicit
            + ": "
            + WasmtimeLibrary.fix());
  }

  @Override
  public Engine create(EngineConfig config) {
    WasmtimeLibrary.Found f = library();
    if (f.path().isEmpty()) {
      throw new NoEngineException(f.explain());
    }
    Wasmtime.bind(f.path().get().toString());
    return new WasmtimeEngine(config);
  }
}
