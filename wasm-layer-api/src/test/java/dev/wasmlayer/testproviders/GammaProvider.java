package dev.wasmlayer.testproviders;

import dev.wasmlayer.spi.Availability;

/** Test provider 'gamma'. */
public final class GammaProvider extends StubProvider {
  /** Used by ServiceLoader. */
  public GammaProvider() {
    super("gamma", 500, Availability.no("needs libgamma.so; set GAMMA_PATH"));
  }
}
