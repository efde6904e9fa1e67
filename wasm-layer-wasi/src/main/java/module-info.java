/**
 * WASI preview 1 in Java, on the wasm-layer API only: what an engine without a sandboxed WASI of
 * its own links in. Backends use {@link dev.wasmlayer.wasihost.JavaWasi}; users configure it
 * through {@code dev.wasmlayer.wasi}.
 */
module dev.wasmlayer.wasihost {
  requires transitive dev.wasmlayer.api;

  exports dev.wasmlayer.wasihost;
}
