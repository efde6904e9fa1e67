/** Runnable examples of the wasm-layer API. */
package dev.wasmlayer.examples;
