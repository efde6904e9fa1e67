/** Runnable wasm-layer examples; the engine comes from the runtime class path. */
module dev.wasmlayer.examples {
  requires dev.wasmlayer.api;

  exports dev.wasmlayer.examples;
}
