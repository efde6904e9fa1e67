/** wasm-layer: one WebAssembly API for Java, any engine underneath. */
module dev.wasmlayer.api {
  exports dev.wasmlayer;
  exports dev.wasmlayer.types;
  exports dev.wasmlayer.spi;
  exports dev.wasmlayer.wasi;
  exports dev.wasmlayer.bind;

  uses dev.wasmlayer.spi.EngineProvider;
}
