/** The wasmtime engine (official C API through JNA) behind the wasm-layer API. */
module dev.wasmlayer.wasmtime {
  requires transitive dev.wasmlayer.api; // its public classes show API types
  requires transitive dev.wasmlayer.spi.support; // the public provider class extends ProviderBase
  requires com.sun.jna;

  exports dev.wasmlayer.wasmtime;

  // JNA reflects on the callback interfaces declared here (the FFM path asks it for a callback's
  // native address)
  opens dev.wasmlayer.wasmtime.internal to
      com.sun.jna;

  provides dev.wasmlayer.spi.EngineProvider with
      dev.wasmlayer.wasmtime.WasmtimeEngineProvider;
}
