/**
 * WASI preview 1 configuration, passed through {@link dev.wasmlayer.StoreConfig}. Engines without
 * {@link dev.wasmlayer.Feature#WASI} reject it with {@link
 * dev.wasmlayer.UnsupportedFeatureException}.
 *
 * <p>Null policy: no method accepts or returns {@code null}.
 */
package dev.wasmlayer.wasi;
