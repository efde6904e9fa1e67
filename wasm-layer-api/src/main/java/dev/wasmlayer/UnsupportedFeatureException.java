package dev.wasmlayer;

import java.util.Objects;

/**
 * The engine does not support a feature a module or an API call needs. Never a silent
 * approximation.
 */
public class UnsupportedFeatureException extends WasmException {
  private static final long serialVersionUID = 1L;

  /** The missing feature. */
  private final Feature feature;

  /** The id of the engine that lacks it. */
  private final String engineId;

  /**
   * The engine {@code engineId} lacks {@code feature}; {@code detail} says where it was needed.
   *
   * @param feature the feature the engine lacks
   * @param engineId the engine's id
   * @param detail the setting or call that needed it
   */
  public UnsupportedFeatureException(Feature feature, String engineId, String detail) {
    super(
        "engine '"
            + engineId
            + "' does not support "
            + feature
            + (detail.isEmpty() ? "" : ": " + detail));
    this.feature = Objects.requireNonNull(feature, "feature");
    this.engineId = Objects.requireNonNull(engineId, "engineId");
  }

  /** {@return the missing feature} */
  public Feature feature() {
    return feature;
  }

  /** {@return the id of the engine that lacks it} */
  public String engineId() {
    return engineId;
  }
}
