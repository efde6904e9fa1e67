package dev.wasmlayer.spi.support;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Feature;
import dev.wasmlayer.FuelMode;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.spi.WasmBytes;
import java.util.Objects;
import java.util.Set;

/**
 * What every backend's engine does the same way: its id, version and config, the checks before
 * compiling, validating and making a store, and closing once. A backend writes the engine calls
 * behind them.
 */
public abstract class EngineBase implements Engine {
  private final String id;
  private final String version;

  /** The configuration every module and store of this engine is made with. */
  protected final EngineConfig config;

  private final CloseOnce closed = new CloseOnce("Engine");

  /**
   * An engine; refuses a pooling allocator or metered fuel that {@code features} lacks.
   *
   * @param id the engine's id
   * @param version the engine's version
   * @param config its configuration
   * @param features what the backend supports at most
   */
  protected EngineBase(String id, String version, EngineConfig config, Set<Feature> features) {
    this.id = id;
    this.version = version;
    this.config = Objects.requireNonNull(config, "config");
    Checks.pooling(config, features, id);
    if (config.fuelMode() == FuelMode.ON && !features.contains(Feature.FUEL)) {
      throw new UnsupportedFeatureException(
          Feature.FUEL,
          id,
          "EngineConfig.fuel(true); fuel(FuelMode.IF_SUPPORTED) meters fuel only where an engine can");
    }
  }

  /** Throws {@link IllegalStateException} once the engine is closed. */
  public final void checkOpen() {
    closed.check();
  }

  /** {@return whether {@link #close()} was called} */
  protected final boolean isClosed() {
    return closed.isClosed();
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String version() {
    return version;
  }

  @Override
  public final EngineConfig config() {
    return config;
  }

  @Override
  public final Module compile(byte[] wasm) {
    Objects.requireNonNull(wasm, "wasm");
    checkOpen();
    if (WasmBytes.isComponent(wasm)) {
      throw new CompileException(
          CompileException.Reason.MALFORMED,
          "a component, not a core module: use Engine.compileComponent",
          null);
    }
    return compileOpen(wasm);
  }

  @Override
  public final Component compileComponent(byte[] component) {
    Objects.requireNonNull(component, "component");
    checkOpen();
    return compileComponentOpen(component);
  }

  /**
   * {@return the component of {@code bytes}, the engine open}; engines without the component model
   * keep this default.
   *
   * @param bytes the component's bytes
   */
  protected Component compileComponentOpen(byte[] bytes) {
    throw new UnsupportedFeatureException(Feature.COMPONENTS, id, "Engine.compileComponent");
  }

  @Override
  public final void validate(byte[] wasm) {
    Objects.requireNonNull(wasm, "wasm");
    checkOpen();
    validateOpen(wasm);
  }

  @Override
  public final <T> Store<T> newStore(T data, StoreConfig config) {
    Objects.requireNonNull(config, "config");
    checkOpen();
    Checks.storeConfig(config, this.config, features(), id);
    return newStoreOpen(data, config);
  }

  /**
   * {@return the module of {@code wasm} (binary or text, not null), the engine open}
   *
   * @param wasm the module's bytes
   */
  protected abstract Module compileOpen(byte[] wasm);

  /**
   * Validates {@code wasm} (binary or text, not null), the engine open.
   *
   * @param wasm the module's bytes
   */
  protected abstract void validateOpen(byte[] wasm);

  /**
   * {@return a store with a config already checked against the engine's}
   *
   * @param <T> the store's data
   * @param data the application's data
   * @param config the store's configuration
   */
  protected abstract <T> Store<T> newStoreOpen(T data, StoreConfig config);

  /** Closes the engine once: no new modules or stores; then {@link #closed()}. */
  @Override
  public final void close() {
    if (closed.close()) {
      closed();
    }
  }

  /**
   * What the backend frees when the engine closes (stores already open may keep the engine's state
   * alive).
   */
  protected void closed() {}
}
