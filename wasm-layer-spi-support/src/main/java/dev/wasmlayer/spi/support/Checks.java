package dev.wasmlayer.spi.support;

import dev.wasmlayer.ArrayRef;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Feature;
import dev.wasmlayer.FuelMode;
import dev.wasmlayer.I31Ref;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.StructRef;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.HeapType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.ValType;
import java.util.Set;

/**
 * Argument checks every backend makes the same way, so they fail with the same exception and
 * message.
 */
public final class Checks {
  private Checks() {}

  /**
   * Throws {@link UnsupportedFeatureException} for the first setting of {@code config} that needs a
   * feature the engine lacks, or that {@code engine} (the engine's config) turned off: WASI, a
   * memory cap, fuel or a deadline. A fuel budget on an engine without fuel is let through (and not
   * enforced) when fuel was asked for {@link FuelMode#IF_SUPPORTED}.
   *
   * @param config the store configuration to check
   * @param engine the engine's configuration
   * @param supported the features the engine supports
   * @param engineId the engine's id, for the exception
   */
  public static void storeConfig(
      StoreConfig config, EngineConfig engine, Set<Feature> supported, String engineId) {
    if (config.wasi().isPresent() && !supported.contains(Feature.WASI)) {
      throw new UnsupportedFeatureException(Feature.WASI, engineId, "StoreConfig.wasi");
    }
    if (config.wasi().isPresent()
        && (config.wasi().get().clock().isPresent() || config.wasi().get().random().isPresent())
        && !supported.contains(Feature.WASI_HOST_SOURCES)) {
      throw new UnsupportedFeatureException(
          Feature.WASI_HOST_SOURCES, engineId, "WasiConfig.clock/random");
    }
    if (config.maxMemoryBytes().isPresent() && !supported.contains(Feature.MEMORY_LIMITS)) {
      throw new UnsupportedFeatureException(
          Feature.MEMORY_LIMITS, engineId, "StoreConfig.maxMemoryBytes");
    }
    if (config.fuel().isPresent() && engine.fuelMode() != FuelMode.IF_SUPPORTED) {
      fuel(engine, supported, engineId, "StoreConfig.fuel");
    }
    if (config.deadline().isPresent()) {
      interruption(engine, supported, engineId, "StoreConfig.deadline");
    }
  }

  /**
   * Throws {@link UnsupportedFeatureException} for {@link Feature#POOLING_ALLOCATOR} when {@code
   * config} asks for a pool the engine does not have.
   *
   * @param config the engine configuration to check
   * @param supported the features the engine supports
   * @param engineId the engine's id, for the exception
   */
  public static void pooling(EngineConfig config, Set<Feature> supported, String engineId) {
    if (config.pooling().isPresent() && !supported.contains(Feature.POOLING_ALLOCATOR)) {
      throw new UnsupportedFeatureException(
          Feature.POOLING_ALLOCATOR, engineId, "EngineConfig.pooling");
    }
  }

  /**
   * Throws {@link UnsupportedFeatureException} for {@link Feature#FUEL} unless the engine meters
   * fuel: it supports it and its config asks for it. {@code what} names the setting or call that
   * needs it.
   *
   * @param engine the engine's configuration
   * @param supported the features the engine supports
   * @param engineId the engine's id, for the exception
   * @param what the setting or call that needs fuel
   */
  public static void fuel(
      EngineConfig engine, Set<Feature> supported, String engineId, String what) {
    if (!supported.contains(Feature.FUEL)) {
      throw new UnsupportedFeatureException(Feature.FUEL, engineId, what);
    }
    if (!engine.fuel()) {
      throw new UnsupportedFeatureException(
          Feature.FUEL,
          engineId,
          what
              + " needs fuel metering, which the engine's "
              + "config leaves off: create it with EngineConfig.builder().fuel(true) or fuel(FuelMode.IF_SUPPORTED)");
    }
  }

  /**
   * Throws {@link UnsupportedFeatureException} for {@link Feature#INTERRUPTION} unless the engine
   * can stop running code: it supports it and its config did not turn it off. {@code what} names
   * the setting or call that needs it.
   *
   * @param engine the engine's configuration
   * @param supported the features the engine supports
   * @param engineId the engine's id, for the exception
   * @param what the setting or call that needs interruption
   */
  public static void interruption(
      EngineConfig engine, Set<Feature> supported, String engineId, String what) {
    if (!supported.contains(Feature.INTERRUPTION)) {
      throw new UnsupportedFeatureException(Feature.INTERRUPTION, engineId, what);
    }
    if (!engine.interruption()) {
      throw new UnsupportedFeatureException(
          Feature.INTERRUPTION,
          engineId,
          what
              + " needs interruption, which the "
              + "engine's config turned off with EngineConfig.builder().interruption(false)");
    }
  }

  /**
   * {@return whether {@code v} may stand where {@code declared} is expected: the same number or
   * vector type; for references the same hierarchy (func, extern, any, exn; a concrete type matches
   * any hierarchy, the engine checks further), an object of the declared kind (a struct for {@code
   * structref}, ...) and null only where the type is nullable}
   *
   * @param declared the declared type
   * @param v the value given
   */
  public static boolean accepts(ValType declared, Value v) {
    if (declared instanceof RefType want && v.type() instanceof RefType got) {
      HeapType.Kind top = want.heapType().top();
      HeapType.Kind have = got.heapType().top();
      if (v.isNull()) {
        return (top == have || top == HeapType.Kind.CONCRETE) && want.nullable();
      }
      return (top == have || top == HeapType.Kind.CONCRETE)
          && refersToKind(want.heapType().kind(), v.refObject().orElseThrow());
    }
    return v.type().equals(declared);
  }

  /**
   * Whether a non-null reference to {@code o} is of heap type {@code kind}, as far as the host can
   * tell: a struct for {@code struct}, an i31, struct or array for {@code eq}, nothing for a bottom
   * type; the engine checks a concrete type itself.
   */
  private static boolean refersToKind(HeapType.Kind kind, Object o) {
    return switch (kind) {
      case STRUCT -> o instanceof StructRef;
      case ARRAY -> o instanceof ArrayRef;
      case I31 -> o instanceof I31Ref;
      case EQ -> o instanceof StructRef || o instanceof ArrayRef || o instanceof I31Ref;
      case NONE, NOFUNC, NOEXTERN, NOEXN -> false;
      default -> true;
    };
  }

  /**
   * {@link #accepts}, throwing {@link IllegalArgumentException} naming {@code what} when it does
   * not.
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
