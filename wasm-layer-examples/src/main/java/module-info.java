/** Runnable wasm-layer examples; the engine comes from the runtime class path. */
module dev.wasmlayer.examples {
  requires transitive dev.wasmlayer.api; // its public classes show API types

  exports dev.wasmlayer.examples;
}
