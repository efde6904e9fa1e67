/** The {@code run} command-line tool: a WASI program on any engine wasm-layer finds. */
module dev.wasmlayer.run {
  requires dev.wasmlayer.api;

  exports dev.wasmlayer.run;
}
