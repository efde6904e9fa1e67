package dev.wasmlayer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an engine must know before it compiles anything. Immutable and shareable; build with {@link
 * #builder()}.
 *
 * <p>Engine-specific settings go in {@link #options()} under the engine's id as prefix (e.g. {@code
 * chicory.interpreterFallback}); an engine ignores other engines' options and rejects unknown ones
 * of its own.
 *
 * <p><b>Portable.</b> The same config works on every engine, or the engine that cannot honour a
 * setting says so with {@link UnsupportedFeatureException} naming the {@link Feature}: interruption
 * is on by default everywhere, so deadlines and {@link Store#interrupt()} work unchanged on every
 * engine; fuel is off by default, and {@link FuelMode#IF_SUPPORTED} asks for it only where it
 * exists.
 */
public final class EngineConfig {
  private static final EngineConfig DEFAULTS = builder().build();

  private final ExecutionStrategy strategy;
  private final FuelMode fuel;
  private final boolean interruption;
  private final Map<String, String> options;
  private final CompilationCache cache;
  private final Pooling pooling;

  private EngineConfig(Builder b) {
    this.strategy = b.strategy;
    this.fuel = b.fuel;
    this.interruption = b.interruption;
    this.options = Map.copyOf(b.options);
    this.cache = b.cache;
    this.pooling = b.pooling;
  }

  /**
   * {@return the defaults: {@link ExecutionStrategy#AUTO}, no fuel ({@link FuelMode#OFF}),
   * interruption on, no options}
   */
  public static EngineConfig defaults() {
    return DEFAULTS;
  }

  /** {@return a builder starting from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return compiler, interpreter, or the engine's choice} */
  public ExecutionStrategy strategy() {
    return strategy;
  }

  /**
   * {@return whether fuel metering is asked for ({@link FuelMode#ON} or {@link
   * FuelMode#IF_SUPPORTED})} An engine meters fuel when this is true and it {@link
   * Engine#supports(Feature) supports} {@link Feature#FUEL}.
   */
  public boolean fuel() {
    return fuel != FuelMode.OFF;
  }

  /** {@return how fuel metering is asked for} */
  public FuelMode fuelMode() {
    return fuel;
  }

  /**
   * {@return whether running code can be interrupted and deadlines set} On by default. Off, every
   * engine refuses {@link StoreConfig#deadline()} and {@link Store#interrupt()} with {@link
   * UnsupportedFeatureException} for {@link Feature#INTERRUPTION}; wasmtime then compiles code
   * without its epoch checks (0-9% faster on compute, see docs/benchmarks.md).
   */
  public boolean interruption() {
    return interruption;
  }

  /** {@return engine-specific options, keyed {@code <engine id>.<name>}} */
  public Map<String, String> options() {
    return options;
  }

  /** {@return where compiled code is kept between compiles, if anywhere} */
  public Optional<CompilationCache> cache() {
    return Optional.ofNullable(cache);
  }

  /**
   * {@return the pooling allocator's limits, when one is asked for ({@link
   * Feature#POOLING_ALLOCATOR})}
   */
  public Optional<Pooling> pooling() {
    return Optional.ofNullable(pooling);
  }

  /**
   * {@return everything in this config that changes compiled code, as stable text (sorted options;
   * the cache itself excluded), for cache keys}
   */
  public String fingerprint() {
    return "strategy="
        + strategy
        + ";fuel="
        + fuel()
        + ";interruption="
        + interruption
        + ";options="
        + new TreeMap<>(options);
  }

  /** {@return a builder initialised from this config} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.strategy = strategy;
    b.fuel = fuel;
    b.interruption = interruption;
    b.options.putAll(options);
    b.cache = cache;
    b.pooling = pooling;
    return b;
  }

  @Override
  public String toString() {
    return "EngineConfig{strategy="
        + strategy
        + ", fuel="
        + fuel
        + ", interruption="
        + interruption
        + ", options="
        + options
        + (pooling == null ? "" : ", pooling=" + pooling)
        + "}";
  }

  /** Builds an {@link EngineConfig}. */
  public static final class Builder {
    private ExecutionStrategy strategy = ExecutionStrategy.AUTO;
    private FuelMode fuel = FuelMode.OFF;
    private boolean interruption = true;
    private final Map<String, String> options = new LinkedHashMap<>();
    private CompilationCache cache;
    private Pooling pooling;

    private Builder() {}

    /**
     * Keeps compiled code in {@code cache}, so compiling the same module again (in this or a later
     * process) is cheap. Engines without a cache throw {@link UnsupportedFeatureException} for
     * {@link dev.wasmlayer.Feature#SERIALIZATION}.
     *
     * @param cache where compiled code is kept between runs
     * @return this builder
     */
    public Builder cache(CompilationCache cache) {
      this.cache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /**
     * Compiler, interpreter, or {@link ExecutionStrategy#AUTO}.
     *
     * @param strategy compiler, interpreter, or the engine's choice
     * @return this builder
     */
    public Builder strategy(ExecutionStrategy strategy) {
      this.strategy = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /**
     * Requires fuel metering ({@link FuelMode#ON}) or turns it off ({@link FuelMode#OFF}). Engines
     * without fuel refuse {@code fuel(true)} in {@code Engine.create}; {@link #fuel(FuelMode)} with
     * {@link FuelMode#IF_SUPPORTED} runs everywhere.
     *
     * @param fuel whether stores must count fuel
     * @return this builder
     */
    public Builder fuel(boolean fuel) {
      this.fuel = fuel ? FuelMode.ON : FuelMode.OFF;
      return this;
    }

    /**
     * Sets how fuel metering is asked for; see {@link FuelMode}.
     *
     * @param mode off, required, or used where the engine has it
     * @return this builder
     */
    public Builder fuel(FuelMode mode) {
      this.fuel = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Enables (the default) or disables interruption and deadlines. Disabled, a deadline or {@link
     * Store#interrupt()} throws {@link UnsupportedFeatureException} for {@link
     * Feature#INTERRUPTION} on every engine; a close from another thread still waits for a running
     * call, but cannot stop it on wasmtime.
     *
     * @param interruption whether running code can be stopped by a deadline or an interrupt
     * @return this builder
     */
    public Builder interruption(boolean interruption) {
      this.interruption = interruption;
      return this;
    }

    /**
     * Sets an engine-specific option, {@code <engine id>.<name>}.
     *
     * @param key the option's name, {@code <engine id>.<name>}
     * @param value the option's value
     * @return this builder
     */
    public Builder option(String key, String value) {
      options.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Asks for a pooling instance allocator with these limits: instantiating into a fresh store and
     * freeing it reuse slots reserved once, instead of mapping memory each time. Engines without
     * {@link Feature#POOLING_ALLOCATOR} refuse the config with {@link UnsupportedFeatureException}.
     *
     * @param pooling the pool's limits
     * @return this builder
     */
    public Builder pooling(Pooling pooling) {
      this.pooling = Objects.requireNonNull(pooling, "pooling");
      return this;
    }

    /** {@return the immutable config} */
    public EngineConfig build() {
      return new EngineConfig(this);
    }
  }
}
