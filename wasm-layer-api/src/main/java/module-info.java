/** wasm-layer: one WebAssembly API for Java, any engine underneath. */
module dev.wasmlayer.api {
  exports dev.wasmlayer;
  exports dev.wasmlayer.types;
  exports dev.wasmlayer.spi;
  exports dev.wasmlayer.spi.support;
  exports dev.wasmlayer.wasi;
  exports dev.wasmlayer.bind;
  // The shared binary reader, for backends whose engine cannot describe a module's types itself.
  exports dev.wasmlayer.internal to dev.wasmlayer.chicory, dev.wasmlayer.wasmtime, dev.wasmlayer.graalwasm;

  uses dev.wasmlayer.spi.EngineProvider;
}
