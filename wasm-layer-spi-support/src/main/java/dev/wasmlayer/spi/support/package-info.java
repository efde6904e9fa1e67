/**
 * Support code for engine implementors, written once for every backend: the store runtime (one
 * thread per store, close from any thread, interrupts and deadlines that stop wasm code but never
 * host code), the engine lifetime (native state outlives the last store), base classes that gate
 * and check every engine, store, instance, caller, memory, table and global the same way ({@code
 * *Base}), host failures, and the typed views ({@link dev.wasmlayer.spi.support.ShapedViews} over a
 * backend's {@link dev.wasmlayer.spi.support.ViewCall}). Application code never needs this package.
 *
 * <p>Null policy: no method accepts or returns {@code null} unless its Javadoc says so.
 */
package dev.wasmlayer.spi.support;
