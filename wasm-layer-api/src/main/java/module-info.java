/** wasm-layer: one WebAssembly API for Java, any engine underneath. */
module dev.wasmlayer.api {
  exports dev.wasmlayer;
  exports dev.wasmlayer.types;
  exports dev.wasmlayer.spi;
  exports dev.wasmlayer.wasi;
  exports dev.wasmlayer.bind;
  exports dev.wasmlayer.component;

  uses dev.wasmlayer.spi.EngineProvider;
}
