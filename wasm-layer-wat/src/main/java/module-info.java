/**
 * wasm-layer's WebAssembly text assembler, for engines that take only binaries (Chicory,
 * GraalWasm): text then behaves the same on each of them. Engines with a text parser of their own
 * (wasmtime) do without it.
 */
module dev.wasmlayer.wat {
  requires dev.wasmlayer.api;

  exports dev.wasmlayer.wat;
}
