package dev.wasmlayer;

/**
 * Whether an engine meters fuel ({@link EngineConfig.Builder#fuel(FuelMode)}). Only some engines
 * can (see {@link Engine#supports(Feature)} with {@link Feature#FUEL}); {@link #IF_SUPPORTED} lets
 * one configuration run everywhere.
 */
public enum FuelMode {
  /** No fuel metering (the default). A {@link StoreConfig#fuel()} budget is refused. */
  OFF,
  /**
   * Fuel metering, required: an engine without it refuses the config in {@code Engine.create} with
   * {@link UnsupportedFeatureException} for {@link Feature#FUEL}.
   */
  ON,
  /**
   * Fuel metering where the engine has it, none elsewhere. On an engine without fuel the engine is
   * created anyway, a {@link StoreConfig#fuel()} budget is not enforced, and {@link Store#fuel()}
   * and {@link Store#setFuel(long)} throw {@link UnsupportedFeatureException}; whether fuel is
   * metered is {@code engine.supports(Feature.FUEL)}.
   */
  IF_SUPPORTED
}
