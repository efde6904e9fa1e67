/**
 * What an engine implements to be found by {@link dev.wasmlayer.Engines}: an {@link
 * dev.wasmlayer.spi.EngineProvider} registered with {@link java.util.ServiceLoader}, and the {@link
 * dev.wasmlayer.Feature} set it declares.
 *
 * <p>Application code never needs this package; {@link dev.wasmlayer.Feature}, which applications
 * read, is in the user API. The user API interfaces in {@code dev.wasmlayer} ({@code Engine},
 * {@code Module}, {@code Store}, ...) are what a backend implements for everything past discovery.
 * Code backends share but the API does not need (store runtime, checks, error mappings) is in the
 * artifact {@code wasm-layer-spi-support}, module {@code dev.wasmlayer.spi.support}.
 *
 * <p>Null policy: no method accepts or returns {@code null}.
 */
package dev.wasmlayer.spi;
