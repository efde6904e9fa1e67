/**
 * The component model in Java: binary parsing, instantiation through the engine's core API, the
 * canonical ABI and WASI 0.2.
 */
package dev.wasmlayer.componentmodel;
