package dev.wasmlayer.chicory;

import com.dylibso.chicory.wasm.Version;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Feature;
import dev.wasmlayer.spi.Availability;
import dev.wasmlayer.spi.support.ProviderBase;
import java.util.Set;

/** Finds Chicory for wasm-layer. Pure Java, so it is available wherever Java 17+ runs. */
public final class ChicoryEngineProvider extends ProviderBase {
  /** The id to choose this engine with. */
  public static final String ID = "chicory";

  /**
   * What this backend supports today. SIMD needs Chicory's separate simd module (not on Maven
   * Central for 1.7.5); memory64 is beyond Chicory 1.7.5; GC and exception references have no host
   * API here yet. Components come from the Java component model (wasm-layer-component).
   */
  static final Set<Feature> FEATURES =
      commonAnd(
          Feature.TAIL_CALLS,
          Feature.START_CALLER,
          Feature.WASI_HOST_SOURCES,
          Feature.SERIALIZATION,
          Feature.COMPONENTS,
          Feature.WASI_COMPONENTS);

  /** Used by {@link java.util.ServiceLoader}. */
  public ChicoryEngineProvider() {
    super(ID, "Chicory", 100, FEATURES);
  }

  @Override
  public String version() {
    return Version.version();
  }

  @Override
  public Availability availability() {
    return Availability.yes();
  }

  @Override
  public Engine create(EngineConfig config) {
    return new ChicoryEngine(config, version());
  }
}
