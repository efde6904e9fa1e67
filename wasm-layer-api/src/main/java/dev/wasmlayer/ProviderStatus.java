package dev.wasmlayer;

import dev.wasmlayer.spi.EngineProvider;
import java.util.Objects;
import java.util.Optional;

/**
 * What discovery found for one registered engine: usable, unavailable here (with the reason), or
 * broken (its class could not be loaded or instantiated).
 *
 * @param id the engine id, or the provider class name if it is broken
 * @param state usable, unavailable or broken
 * @param priority the provider's priority (0 if broken)
 * @param reason empty when usable; otherwise why not
 * @param provider the provider instance, empty if broken
 */
public record ProviderStatus(
    String id, State state, int priority, String reason, Optional<EngineProvider> provider) {
  /** The three outcomes of loading a provider. */
  public enum State {
    /** Can create engines. */
    USABLE,
    /** Loaded, but reports itself unavailable here. */
    UNAVAILABLE,
    /** Could not be loaded, instantiated or queried. */
    BROKEN
  }

  /** Checks arguments. */
  public ProviderStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(provider, "provider");
  }

  /** {@return whether this engine can be used} */
  public boolean usable() {
    return state == State.USABLE;
  }

  /**
   * {@return one line for diagnostics, e.g. {@code chicory (Chicory 1.7.5, priority 100): usable}}
   */
  public String describe() {
    String head =
        provider
            .map(p -> id + " (" + p.name() + " " + p.version() + ", priority " + priority + ")")
            .orElse(id);
    return switch (state) {
      case USABLE -> head + ": usable";
      case UNAVAILABLE -> head + ": unavailable: " + reason;
      case BROKEN -> head + ": broken: " + reason;
    };
  }
}
