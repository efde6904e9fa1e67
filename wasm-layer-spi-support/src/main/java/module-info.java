/**
 * Support code for engine implementors, written once for every backend: the store runtime and
 * engine lifetime, store limits, the checks and error mappings every backend makes the same way,
 * and (for the built-in backends) the binary module reader and the memory.grow counting rewrite.
 * Application code never needs this module.
 */
module dev.wasmlayer.spi.support {
  requires transitive dev.wasmlayer.api; // its public classes show API types

  exports dev.wasmlayer.spi.support;
  // The binary module reader and rewrites: shared by the built-in backends, not a promise to other
  // implementors.
  exports dev.wasmlayer.spi.support.internal to
      dev.wasmlayer.chicory,
      dev.wasmlayer.wasmtime,
      dev.wasmlayer.graalwasm;
}
