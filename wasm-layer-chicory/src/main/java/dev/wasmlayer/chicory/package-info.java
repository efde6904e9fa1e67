/**
 * The Chicory backend: {@link dev.wasmlayer.chicory.ChicoryEngineProvider} (id {@code chicory}) and package-private
 * adapters from the wasm-layer API onto Chicory's runtime, bytecode compiler and interpreter.
 *
 * <p>Options ({@link dev.wasmlayer.EngineConfig#options()}): {@code chicory.interpreterFallback} = {@code warn}
 * (default), {@code silent} or {@code fail}: what the compiler does with a function too large for one JVM method.
 */
package dev.wasmlayer.chicory;
