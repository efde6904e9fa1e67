package dev.wasmlayer.testproviders;

import dev.wasmlayer.spi.Availability;

/** Test provider 'beta'. */
public final class BetaProvider extends StubProvider {
  /** Used by ServiceLoader. */
  public BetaProvider() {
    super("beta", 20, Availability.yes());
  }
}
