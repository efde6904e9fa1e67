package dev.wasmlayer.wasmtime;

import com.sun.jna.Pointer;
import dev.wasmlayer.Feature;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.component.ResourceType;

/**
 * A store's resource handles at the component boundary, and the value converters that use them.
 * Owned by the store; used on its thread only (inside the call gate).
 */
final class ComponentResources implements WitLower.Resources, WitLift.Resources {
  private final WasmtimeStore<?> store;
  private final WitLower lowering = new WitLower(this);
  private final WitLift lifting = new WitLift(this);

  ComponentResources(WasmtimeStore<?> store) {
    this.store = store;
  }

  WitLower lowering() {
    return lowering;
  }

  WitLift lifting() {
    return lifting;
  }

  /** Around a host function's run: borrowed guest handles it was given end with it. */
  void enterHostCall() {}

  void exitHostCall() {}

  /** Defines a host resource type in a linker instance; returns an error or null. */
  Pointer define(Pointer linkerInstance, dev.wasmlayer.component.ComponentImports.HostResource r) {
    throw new UnsupportedFeatureException(
        Feature.COMPONENTS, store.engine().id(), "host resources on wasmtime (" + r.name() + ")");
  }

  @Override
  public Pointer lower(Object value, ResourceType type, boolean own, String what) {
    throw new UnsupportedFeatureException(
        Feature.COMPONENTS, store.engine().id(), "resources on wasmtime (" + what + ")");
  }

  @Override
  public Object lift(Pointer resourceAny, ResourceType type, boolean own) {
    throw new UnsupportedFeatureException(
        Feature.COMPONENTS, store.engine().id(), "resources on wasmtime");
  }
}
