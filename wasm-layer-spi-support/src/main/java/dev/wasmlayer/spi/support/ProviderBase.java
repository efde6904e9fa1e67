package dev.wasmlayer.spi.support;

import dev.wasmlayer.Feature;
import dev.wasmlayer.spi.EngineProvider;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * An {@link EngineProvider}'s constant answers, written once; a backend adds its version,
 * availability and engine.
 */
public abstract class ProviderBase implements EngineProvider {
  /**
   * What every backend supports: WebAssembly 2.0 but SIMD, multiple memories, extended constants,
   * interrupts, memory caps, WASI and the text format.
   */
  private static final Set<Feature> COMMON =
      Set.copyOf(
          EnumSet.of(
              Feature.MULTI_VALUE,
              Feature.BULK_MEMORY,
              Feature.SIGN_EXTENSION,
              Feature.NON_TRAPPING_FLOAT_TO_INT,
              Feature.MUTABLE_GLOBALS,
              Feature.REFERENCE_TYPES,
              Feature.MULTI_MEMORY,
              Feature.EXTENDED_CONST,
              Feature.INTERRUPTION,
              Feature.MEMORY_LIMITS,
              Feature.WASI,
              Feature.WAT));

  private final String id;
  private final String name;
  private final int priority;
  private final Set<Feature> features;

  /**
   * A provider.
   *
   * @param id the engine's id, also the end of its artifact's name ({@code wasm-layer-<id>})
   * @param name the engine's name for people
   * @param priority its rank in discovery, highest first
   * @param features what it supports
   */
  protected ProviderBase(String id, String name, int priority, Set<Feature> features) {
    this.id = id;
    this.name = name;
    this.priority = priority;
    this.features = Set.copyOf(features);
  }

  /**
   * {@return what every backend supports, and {@code more}}
   *
   * @param more what this backend adds
   */
  protected static Set<Feature> commonAnd(Feature... more) {
    EnumSet<Feature> all = EnumSet.copyOf(COMMON);
    all.addAll(Arrays.asList(more));
    return Set.copyOf(all);
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int priority() {
    return priority;
  }

  @Override
  public final String artifact() {
    return "dev.wasmlayer:wasm-layer-" + id;
  }

  @Override
  public final Set<Feature> features() {
    return features;
  }
}
