package dev.wasmlayer.testproviders;

import dev.wasmlayer.spi.Availability;

/** Test provider 'offlist'. */
public final class OffListProvider extends StubProvider {
  /** Used by ServiceLoader. */
  public OffListProvider() {
    super("offlist", 1, Availability.yes());
  }
}
