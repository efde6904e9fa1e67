/** wasm-layer: one WebAssembly API for Java, any engine underneath. */
module dev.wasmlayer.api {
  exports dev.wasmlayer;
  exports dev.wasmlayer.types;
  exports dev.wasmlayer.spi;
  exports dev.wasmlayer.spi.support;
  exports dev.wasmlayer.wasi;
  exports dev.wasmlayer.bind;
  // Shared internals the backends use: the binary reader, the memory.grow counting rewrite, module minimums.
  exports dev.wasmlayer.internal to dev.wasmlayer.chicory, dev.wasmlayer.wasmtime, dev.wasmlayer.graalwasm;

  uses dev.wasmlayer.spi.EngineProvider;
}
