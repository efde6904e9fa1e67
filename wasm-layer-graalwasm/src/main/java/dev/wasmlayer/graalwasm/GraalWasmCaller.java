package dev.wasmlayer.graalwasm;

import dev.wasmlayer.Extern;
import dev.wasmlayer.Feature;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.spi.support.CallerBase;
import java.util.Optional;

/**
 * What a host function sees of its caller. GraalWasm does not say which instance called, so this is
 * the instance the host function was linked into, known once its instantiation has returned.
 */
final class GraalWasmCaller extends CallerBase<GraalWasmStore<?>> {
  private final GraalWasmInstance.Slot slot;

  GraalWasmCaller(GraalWasmStore<?> store, GraalWasmInstance.Slot slot) {
    super(store);
    this.slot = slot;
  }

  @Override
  public Optional<Extern> export(String name) {
    GraalWasmInstance instance = slot.get();
    if (instance == null) {
      throw new UnsupportedFeatureException(
          Feature.START_CALLER,
          GraalWasmEngineProvider.ID,
          "a host function called from a start section cannot see the instance's exports (GraalWasm gives host "
              + "functions no caller; they are bound when instantiation returns). Import the memory from the host "
              + "instead, or call the function after instantiation");
    }
    return instance.export(name);
  }
}
