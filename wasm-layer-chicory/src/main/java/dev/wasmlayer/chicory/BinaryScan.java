package dev.wasmlayer.chicory;

import dev.wasmlayer.Feature;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.spi.support.internal.ModuleLayout;

/**
 * Looks at the module's memories and tables for 64-bit limits before Chicory parses them, because
 * Chicory 1.7.5 rejects memory64 as a malformed module where the honest answer is an unsupported
 * feature. Anything the layout reader cannot follow it leaves to Chicory's parser, which reports
 * malformed bytes properly.
 */
final class BinaryScan {
  private BinaryScan() {}

  static void rejectUnsupported(byte[] wasm) {
    ModuleLayout layout;
    try {
      layout = new ModuleLayout(wasm);
    } catch (IndexOutOfBoundsException | IllegalArgumentException truncatedOrOdd) {
      return; // Not ours to report: the parser will say what is wrong with these bytes.
    }
    for (ModuleLayout.Tab t : layout.tables()) {
      if (t.is64()) {
        throw unsupported(t.imported() ? "an imported 64-bit table" : "a 64-bit table");
      }
    }
    for (ModuleLayout.Mem m : layout.memories()) {
      if (m.is64()) {
        throw unsupported(m.imported() ? "an imported 64-bit memory" : "a 64-bit memory");
      }
    }
  }

  private static UnsupportedFeatureException unsupported(String what) {
    return new UnsupportedFeatureException(Feature.MEMORY64, ChicoryEngineProvider.ID, what);
  }
}
