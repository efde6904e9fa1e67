/**
 * WASI 0.2 in Java for the component model: {@link dev.wasmlayer.componentmodel.wasi.WasiPreview2}
 * serves each {@code wasi:*} interface as host functions and host resources of {@code
 * dev.wasmlayer.component}, on preview 1's sandboxed file system.
 */
package dev.wasmlayer.componentmodel.wasi;
