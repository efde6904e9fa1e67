package dev.wasmlayer;

import dev.wasmlayer.Feature;
import java.util.Objects;

/** The engine does not support a feature a module or an API call needs. Never a silent approximation. */
public class UnsupportedFeatureException extends WasmException {
  private static final long serialVersionUID = 1L;

  private final Feature feature;
  private final String engineId;

  /** The engine {@code engineId} lacks {@code feature}; {@code detail} says where it was needed. */
  public UnsupportedFeatureException(Feature feature, String engineId, String detail) {
    super("engine '" + engineId + "' does not support " + feature + (detail.isEmpty() ? "" : ": " + detail));
    this.feature = Objects.requireNonNull(feature, "feature");
    this.engineId = Objects.requireNonNull(engineId, "engineId");
  }

  /** The missing feature. */
  public Feature feature() {
    return feature;
  }

  /** The id of the engine that lacks it. */
  public String engineId() {
    return engineId;
  }
}
