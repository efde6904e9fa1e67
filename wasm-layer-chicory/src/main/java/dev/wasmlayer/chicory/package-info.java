/**
 * The Chicory backend: {@link dev.wasmlayer.chicory.ChicoryEngineProvider} (id {@code chicory}) and
 * package-private adapters from the wasm-layer API onto Chicory's runtime, bytecode compiler and
 * interpreter.
 *
 * <p>Options ({@link dev.wasmlayer.EngineConfig#options()}): {@code chicory.interpreterFallback} =
 * {@code warn} (default), {@code silent} or {@code fail}: what the compiler does with a function
 * too large for one JVM method (run it interpreted, logging it or not, or refuse the module with a
 * {@link dev.wasmlayer.LimitException}); which functions those are is decided before compiling
 * where it can be ({@code Oversized}), so compiling stays bounded.
 */
package dev.wasmlayer.chicory;
