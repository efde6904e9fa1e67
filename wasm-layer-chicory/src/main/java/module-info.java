/** The Chicory engine (pure Java) behind the wasm-layer API. */
module dev.wasmlayer.chicory {
  requires transitive dev.wasmlayer.api; // its public classes show API types
  requires transitive dev.wasmlayer.spi.support; // the public provider class extends ProviderBase
  requires dev.wasmlayer.wat;
  requires com.dylibso.chicory.runtime;
  requires com.dylibso.chicory.compiler;
  requires dev.wasmlayer.wasihost;
  requires dev.wasmlayer.componentmodel;
  requires java.management; // JavaHeap reads the heap pools' use after their last collection

  exports dev.wasmlayer.chicory;

  provides dev.wasmlayer.spi.EngineProvider with
      dev.wasmlayer.chicory.ChicoryEngineProvider;
}
