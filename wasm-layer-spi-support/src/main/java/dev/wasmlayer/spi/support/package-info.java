/**
 * Support code for engine implementors, written once for every backend: the store runtime (one thread per store,
 * close from any thread, interrupts and deadlines that stop wasm code but never host code) and the engine lifetime
 * (native state outlives the last store), and the checks, error mappings, compile boundary and cache keys every
 * backend applies the same way. Application code never needs this package.
 *
 * <p>Null policy: no method accepts or returns {@code null} unless its Javadoc says so.
 */
package dev.wasmlayer.spi.support;
