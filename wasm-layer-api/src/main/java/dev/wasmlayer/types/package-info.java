/**
 * Immutable descriptions of WebAssembly types, modelled on Wasm 3.0: value types (numbers, vectors
 * and references with heap types and nullability), function, memory, table, global and tag types,
 * and import/export descriptors.
 *
 * <p>Null policy: no method accepts or returns {@code null}; absent limits are {@link
 * java.util.OptionalLong#empty()}.
 */
package dev.wasmlayer.types;
