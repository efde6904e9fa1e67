package dev.wasmlayer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an engine must know before it compiles anything. Immutable and shareable; build with {@link #builder()}.
 *
 * <p>Engine-specific settings go in {@link #options()} under the engine's id as prefix (e.g.
 * {@code chicory.interpreterFallback}); an engine ignores other engines' options and rejects unknown ones of its own.
 */
public final class EngineConfig {
  private static final EngineConfig DEFAULTS = builder().build();

  private final ExecutionStrategy strategy;
  private final boolean fuel;
  private final boolean interruption;
  private final Map<String, String> options;
  private final CompilationCache cache;

  private EngineConfig(Builder b) {
    this.strategy = b.strategy;
    this.fuel = b.fuel;
    this.interruption = b.interruption;
    this.options = Map.copyOf(b.options);
    this.cache = b.cache;
  }

  /** {@return the defaults: {@link ExecutionStrategy#AUTO}, no fuel, no interruption, no options} */
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

  /** {@return whether fuel metering is enabled (stores then need a budget)} */
  public boolean fuel() {
    return fuel;
  }

  /** {@return whether running code can be interrupted and deadlines set} */
  public boolean interruption() {
    return interruption;
  }

  /** {@return engine-specific options, keyed {@code <engine id>.<name>}} */
  public Map<String, String> options() {
    return options;
  }

  /** {@return where compiled code is kept between compiles, if anywhere} */
  public java.util.Optional<CompilationCache> cache() {
    return java.util.Optional.ofNullable(cache);
  }

  /**
   * {@return everything in this config that changes compiled code, as stable text (sorted options; the cache itself
   * excluded), for cache keys}
   */
  public String fingerprint() {
    return "strategy=" + strategy + ";fuel=" + fuel + ";interruption=" + interruption + ";options="
        + new java.util.TreeMap<>(options);
  }

  /** {@return a builder initialised from this config} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.strategy = strategy;
    b.fuel = fuel;
    b.interruption = interruption;
    b.options.putAll(options);
    b.cache = cache;
    return b;
  }

  @Override
  public String toString() {
    return "EngineConfig{strategy=" + strategy + ", fuel=" + fuel + ", interruption=" + interruption
        + ", options=" + options + "}";
  }

  /** Builds an {@link EngineConfig}. */
  public static final class Builder {
    private ExecutionStrategy strategy = ExecutionStrategy.AUTO;
    private boolean fuel;
    private boolean interruption;
    private final Map<String, String> options = new LinkedHashMap<>();
    private CompilationCache cache;

    private Builder() {}

    /**
     * Keeps compiled code in {@code cache}, so compiling the same module again (in this or a later process) is cheap.
     * Engines without a cache throw {@link UnsupportedFeatureException} for {@link dev.wasmlayer.Feature#SERIALIZATION}.
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
     * Enables fuel metering.
     *
     * @param fuel whether stores count fuel
     * @return this builder
     */
    public Builder fuel(boolean fuel) {
      this.fuel = fuel;
      return this;
    }

    /**
     * Enables interruption and deadlines.
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

    /** {@return the immutable config} */
    public EngineConfig build() {
      return new EngineConfig(this);
    }
  }
}
