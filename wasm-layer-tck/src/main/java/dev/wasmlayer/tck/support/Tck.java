package dev.wasmlayer.tck.support;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.ExecutionStrategy;
import dev.wasmlayer.Feature;
import dev.wasmlayer.spi.EngineProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;

/**
 * How the TCK gets its engine: through discovery, exactly as users do. A backend's build pins the
 * engine with {@code -Ddev.wasmlayer.engine=ID} and may set {@code
 * -Ddev.wasmlayer.tck.strategy=COMPILER|INTERPRETER} and {@code
 * -Ddev.wasmlayer.tck.options=k=v,k=v} (engine options).
 */
public final class Tck {
  /** The execution strategy the TCK asks for. */
  public static final String STRATEGY_PROPERTY = "dev.wasmlayer.tck.strategy";

  /** Engine options, {@code key=value} pairs separated by commas. */
  public static final String OPTIONS_PROPERTY = "dev.wasmlayer.tck.options";

  private static EngineProvider provider;

  private Tck() {}

  /** {@return the engine configuration the run asks for} */
  public static EngineConfig config() {
    EngineConfig.Builder b = EngineConfig.builder().strategy(strategy());
    String options = System.getProperty(OPTIONS_PROPERTY, "").trim();
    if (!options.isEmpty()) {
      for (String pair : options.split(",")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              OPTIONS_PROPERTY + " entries are key=value, got '" + pair + "'");
        }
        b.option(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return b.build();
  }

  /** {@return the requested strategy ({@link ExecutionStrategy#AUTO} unless set)} */
  public static ExecutionStrategy strategy() {
    return ExecutionStrategy.valueOf(
        System.getProperty(STRATEGY_PROPERTY, "AUTO").trim().toUpperCase(Locale.ROOT));
  }

  /** {@return a new engine, found by discovery, with {@link #config()}} */
  public static Engine newEngine() {
    return Engine.create(config());
  }

  private static Set<Feature> features;

  /**
   * {@return the features of an engine made with {@link #config()} (cached): what the run can use,
   * which may be less than the provider declares (Chicory's interpreter has no compilation cache)}
   */
  public static synchronized Set<Feature> features() {
    if (features == null) {
      try (Engine e = newEngine()) {
        features = e.features();
      }
    }
    return features;
  }

  /** {@return the provider discovery picks (cached)} */
  public static synchronized EngineProvider provider() {
    if (provider == null) {
      provider = Engines.provider();
    }
    return provider;
  }

  /**
   * {@return the bytes of a TCK module, {@code name} without {@code .wasm}}
   *
   * @param name the module's file name under the TCK's resources, without {@code .wasm}
   */
  public static byte[] wasm(String name) {
    String path = "/dev/wasmlayer/tck/modules/" + name + ".wasm";
    try (InputStream in = Tck.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no TCK module " + path + "; run scripts/build-wasm.sh");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
