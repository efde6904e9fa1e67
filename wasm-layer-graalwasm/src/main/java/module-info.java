/** GraalWasm (GraalVM's WebAssembly engine, through the polyglot API) behind the wasm-layer API. */
module dev.wasmlayer.graalwasm {
  requires transitive dev.wasmlayer.api; // its public classes show API types
  requires transitive dev.wasmlayer.spi.support; // the public provider class extends ProviderBase
  requires dev.wasmlayer.wat;
  requires org.graalvm.polyglot;
  requires dev.wasmlayer.wasihost;
  requires dev.wasmlayer.componentmodel;

  exports dev.wasmlayer.graalwasm;

  provides dev.wasmlayer.spi.EngineProvider with
      dev.wasmlayer.graalwasm.GraalWasmEngineProvider;
}
