package dev.wasmlayer.spi;

import dev.wasmlayer.Feature;

import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.HeapType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.ValType;
import java.util.Set;

/** Argument checks every backend makes the same way, so they fail with the same exception and message. */
public final class Checks {
  private Checks() {}

  /**
   * Throws {@link UnsupportedFeatureException} for the first setting of {@code config} that needs a feature the engine
   * lacks: WASI, a memory cap, fuel or a deadline.
   *
   * @param config the store configuration to check
   * @param supported the features the engine supports
   * @param engineId the engine's id, for the exception
   */
  public static void storeConfig(StoreConfig config, Set<Feature> supported, String engineId) {
    if (config.wasi().isPresent() && !supported.contains(Feature.WASI)) {
      throw new UnsupportedFeatureException(Feature.WASI, engineId, "StoreConfig.wasi");
    }
    if (config.wasi().isPresent() && (config.wasi().get().clock().isPresent() || config.wasi().get().random().isPresent())
        && !supported.contains(Feature.WASI_HOST_SOURCES)) {
      throw new UnsupportedFeatureException(Feature.WASI_HOST_SOURCES, engineId, "WasiConfig.clock/random");
    }
    if (config.maxMemoryBytes().isPresent() && !supported.contains(Feature.MEMORY_LIMITS)) {
      throw new UnsupportedFeatureException(Feature.MEMORY_LIMITS, engineId, "StoreConfig.maxMemoryBytes");
    }
    if (config.fuel().isPresent() && !supported.contains(Feature.FUEL)) {
      throw new UnsupportedFeatureException(Feature.FUEL, engineId, "StoreConfig.fuel");
    }
    if (config.deadline().isPresent() && !supported.contains(Feature.INTERRUPTION)) {
      throw new UnsupportedFeatureException(Feature.INTERRUPTION, engineId, "StoreConfig.deadline");
    }
  }

  /**
   * {@return whether {@code v} may stand where {@code declared} is expected: the same number or vector type; for
   * references the same hierarchy (func, extern, any, exn; a concrete type matches any hierarchy, the engine checks
   * further) and null only where the type is nullable}
   *
   * @param declared the declared type
   * @param v the value given
   */
  public static boolean accepts(ValType declared, Value v) {
    if (declared instanceof RefType && v.type() instanceof RefType) {
      RefType want = (RefType) declared;
      HeapType.Kind top = want.heapType().top();
      HeapType.Kind have = ((RefType) v.type()).heapType().top();
      return (top == have || top == HeapType.Kind.CONCRETE) && (want.nullable() || !v.isNull());
    }
    return v.type().equals(declared);
  }

  /**
   * {@link #accepts}, throwing {@link IllegalArgumentException} naming {@code what} when it does not.
   *
   * @param declared the declared type
   * @param v the value given
   * @param what what the value is for, named in the exception
   */
  public static void value(ValType declared, Value v, String what) {
    if (v == null) {
      throw new NullPointerException(what);
    }
    if (!accepts(declared, v)) {
      throw new IllegalArgumentException(what + " must be " + declared + ", got " + v);
    }
  }
}
