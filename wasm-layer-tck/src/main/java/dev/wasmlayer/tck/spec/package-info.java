/**
 * The official WebAssembly spec test suite (wast2json output) run through the public wasm-layer API
 * only: a JSON reader, the {@code spectest} host module, value conversion and comparison,
 * exclusions and the per-engine report. {@link dev.wasmlayer.tck.spec.ComponentSuite} does the same
 * for the component-model test suite, converted by {@code scripts/build-component-suite.sh}.
 */
package dev.wasmlayer.tck.spec;
