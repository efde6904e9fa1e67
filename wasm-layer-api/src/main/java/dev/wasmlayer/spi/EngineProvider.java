package dev.wasmlayer.spi;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Feature;
import java.util.Set;

/**
 * The one class an engine registers with {@link java.util.ServiceLoader} (in {@code module-info}
 * with {@code provides} and in {@code META-INF/services/dev.wasmlayer.spi.EngineProvider}).
 *
 * <p>Keep implementations light: the constructor and {@link #availability()} must not load native
 * code or start the engine; {@link #create} does that. A provider must have a public no-argument
 * constructor.
 */
public interface EngineProvider {
  /**
   * {@return the short stable id used in {@code -Ddev.wasmlayer.engine=ID}, e.g. {@code "chicory"}}
   */
  String id();

  /** {@return human-readable engine name, e.g. {@code "Chicory"}} */
  String name();

  /** {@return the underlying engine's version, e.g. {@code "1.7.5"}} */
  String version();

  /**
   * {@return the rank when several engines are present and none was chosen: the highest wins}
   * Built-in engines use wasmtime 300, Chicory 100, GraalWasm 50 (it is fast only with a JIT that a
   * stock JVM does not enable).
   */
  int priority();

  /** {@return the Maven coordinates a user adds to get this engine, shown in diagnostics} */
  String artifact();

  /** {@return whether the engine can run here, checked cheaply (no native loading)} */
  Availability availability();

  /** {@return features the engine supports through this layer} */
  Set<Feature> features();

  /**
   * Starts an engine. Throws {@link dev.wasmlayer.UnsupportedFeatureException} for a config it
   * cannot honour.
   *
   * @param config the engine configuration
   * @return the engine
   */
  Engine create(EngineConfig config);
}
