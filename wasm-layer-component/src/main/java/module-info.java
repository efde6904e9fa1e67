/**
 * The component model in Java, on the wasm-layer core API only: what an engine without a component
 * model of its own uses for {@code Engine.compileComponent}, component instances and WASI 0.2.
 */
module dev.wasmlayer.componentmodel {
  requires transitive dev.wasmlayer.api;
  requires transitive dev.wasmlayer.spi.support;
  requires dev.wasmlayer.wasihost;

  exports dev.wasmlayer.componentmodel;
  exports dev.wasmlayer.componentmodel.wasi;
}
