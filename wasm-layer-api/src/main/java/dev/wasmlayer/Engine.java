package dev.wasmlayer;

import dev.wasmlayer.Feature;
import java.util.Set;

/**
 * A WebAssembly engine: compiles modules and makes stores. Thread-safe. Get one with {@link #create()} (the engine
 * found on the class path, or the one named by {@code -Ddev.wasmlayer.engine=ID}) or through {@link Engines}.
 */
public interface Engine extends AutoCloseable {
  /** The engine chosen by discovery, with default configuration. */
  static Engine create() {
    return Engines.create(EngineConfig.defaults());
  }

  /** The engine chosen by discovery, with {@code config}. */
  static Engine create(EngineConfig config) {
    return Engines.create(config);
  }

  /** The provider's id, e.g. {@code "chicory"}. */
  String id();

  /** The underlying engine's version. */
  String version();

  /** How this engine actually runs code (never {@link ExecutionStrategy#AUTO}). */
  ExecutionStrategy strategy();

  /** The configuration it was created with. */
  EngineConfig config();

  /** The features this engine supports. */
  Set<Feature> features();

  /** Whether {@code feature} is supported. */
  default boolean supports(Feature feature) {
    return features().contains(feature);
  }

  /**
   * Compiles a binary module.
   *
   * @throws CompileException if the bytes are malformed or invalid
   * @throws UnsupportedFeatureException if the module needs a feature this engine lacks
   */
  Module compile(byte[] wasm);

  /**
   * Checks a binary module without keeping compiled code.
   *
   * @throws CompileException if the bytes are malformed or invalid
   * @throws UnsupportedFeatureException if the module needs a feature this engine lacks
   */
  void validate(byte[] wasm);

  /** A new store with {@code data} and default settings. */
  default <T> Store<T> newStore(T data) {
    return newStore(data, StoreConfig.defaults());
  }

  /**
   * A new store.
   *
   * @throws UnsupportedFeatureException if {@code config} asks for something this engine cannot do
   */
  <T> Store<T> newStore(T data, StoreConfig config);

  /** The engine's own object (or this engine, if it has none). */
  <T> T unwrap(Class<T> type);

  /** Frees the engine. Idempotent; modules and stores already made stay usable until they are closed. */
  @Override
  void close();
}
