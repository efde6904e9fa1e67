/**
 * The JNA binding to the wasmtime 49.0.0 C API: library discovery, the native functions (named as
 * in wasmtime.h and wasm.h), and the struct layouts the binding assumes. Not exported: only this
 * module's adapters use it.
 */
package dev.wasmlayer.wasmtime.internal;
