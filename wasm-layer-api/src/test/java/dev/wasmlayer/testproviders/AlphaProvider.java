package dev.wasmlayer.testproviders;

import dev.wasmlayer.spi.Availability;

/** Test provider 'alpha'. */
public final class AlphaProvider extends StubProvider {
  /** Used by ServiceLoader. */
  public AlphaProvider() {
    super("alpha", 10, Availability.yes());
  }
}
