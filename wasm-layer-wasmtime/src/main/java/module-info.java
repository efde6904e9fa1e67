/** The wasmtime engine (official C API through JNA) behind the wasm-layer API. */
module dev.wasmlayer.wasmtime {
  requires dev.wasmlayer.api;
  requires com.sun.jna;

  exports dev.wasmlayer.wasmtime;

  provides dev.wasmlayer.spi.EngineProvider with dev.wasmlayer.wasmtime.WasmtimeEngineProvider;
}
