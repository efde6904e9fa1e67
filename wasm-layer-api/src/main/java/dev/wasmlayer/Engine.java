package dev.wasmlayer;

import java.util.Set;

/**
 * A WebAssembly engine: compiles modules and makes stores. Thread-safe. Get one with {@link
 * #create()} (the engine found on the class path, or the one named by {@code
 * -Ddev.wasmlayer.engine=ID}) or through {@link Engines}.
 */
public interface Engine extends AutoCloseable {
  /** {@return the engine chosen by discovery, with default configuration} */
  static Engine create() {
    return Engines.create(EngineConfig.defaults());
  }

  /**
   * {@return the engine chosen by discovery, with {@code config}}
   *
   * @param config the engine configuration
   */
  static Engine create(EngineConfig config) {
    return Engines.create(config);
  }

  /** {@return the provider's id, e.g. {@code "chicory"}} */
  String id();

  /** {@return the underlying engine's version} */
  String version();

  /** {@return how this engine actually runs code (never {@link ExecutionStrategy#AUTO})} */
  ExecutionStrategy strategy();

  /** {@return the configuration it was created with} */
  EngineConfig config();

  /** {@return the features this engine supports} */
  Set<Feature> features();

  /**
   * {@return whether {@code feature} is supported}
   *
   * @param feature the feature asked about
   */
  default boolean supports(Feature feature) {
    return features().contains(feature);
  }

  /**
   * Compiles a binary module.
   *
   * @param wasm the module's binary bytes
   * @return the compiled module
   * @throws CompileException if the bytes are malformed or invalid
   * @throws UnsupportedFeatureException if the module needs a feature this engine lacks
   */
  Module compile(byte[] wasm);

  /**
   * Compiles a component (binary; a core module is refused with {@link CompileException} saying
   * so).
   *
   * @param component the component's bytes
   * @return the compiled component
   * @throws CompileException if the bytes are not a valid component
   * @throws UnsupportedFeatureException for {@link Feature#COMPONENTS} if the engine has no
   *     component model
   */
  Component compileComponent(byte[] component);

  /**
   * Checks a binary module without keeping compiled code.
   *
   * @param wasm the module's binary bytes
   * @throws CompileException if the bytes are malformed or invalid
   * @throws UnsupportedFeatureException if the module needs a feature this engine lacks
   */
  void validate(byte[] wasm);

  /**
   * {@return a new store with {@code data} and default settings}
   *
   * @param <T> the type of the store's data
   * @param data the store's data, handed to host functions through {@link Caller#data()}
   */
  default <T> Store<T> newStore(T data) {
    return newStore(data, StoreConfig.defaults());
  }

  /**
   * {@return a new store}
   *
   * @param <T> the type of the store's data
   * @param data the store's data, handed to host functions through {@link Caller#data()}
   * @param config the store's limits and WASI setup
   * @throws UnsupportedFeatureException if {@code config} asks for something this engine cannot do
   */
  <T> Store<T> newStore(T data, StoreConfig config);

  /**
   * {@return the engine's own object (or this engine, if it has none)}
   *
   * @param <T> the type to unwrap to
   * @param type the class to unwrap to
   */
  <T> T unwrap(Class<T> type);

  /**
   * Frees the engine. Idempotent; modules and stores already made stay usable until they are
   * closed.
   */
  @Override
  void close();
}
