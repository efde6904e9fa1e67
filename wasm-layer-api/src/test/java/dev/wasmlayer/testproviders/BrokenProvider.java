package dev.wasmlayer.testproviders;

import dev.wasmlayer.spi.Availability;

/** A provider whose constructor fails, as one with a missing dependency would. */
public final class BrokenProvider extends StubProvider {
  /** Always throws. */
  public BrokenProvider() {
    super("broken", 1, Availability.yes());
    throw new IllegalStateException("boom");
  }
}
