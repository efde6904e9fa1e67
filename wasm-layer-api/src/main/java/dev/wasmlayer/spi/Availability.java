package dev.wasmlayer.spi;

import java.util.Objects;

/**
 * Whether an engine can be used here, and if not, why (a missing native library, a JDK too old,
 * ...).
 *
 * @param available whether {@link EngineProvider#create} can succeed
 * @param reason empty when available; otherwise what is wrong and how to fix it
 */
public record Availability(boolean available, String reason) {
  private static final Availability AVAILABLE = new Availability(true, "");

  /** Checks that an unavailable engine says why. */
  public Availability {
    Objects.requireNonNull(reason, "reason");
    if (!available && reason.isBlank()) {
      throw new IllegalArgumentException("an unavailable engine must give a reason");
    }
  }

  /** {@return an availability saying the engine can be used} */
  public static Availability yes() {
    return AVAILABLE;
  }

  /**
   * {@return an availability saying the engine cannot be used, for the given reason}
   *
   * @param reason why the engine cannot be used, for the diagnostics
   */
  public static Availability no(String reason) {
    return new Availability(false, reason);
  }
}
