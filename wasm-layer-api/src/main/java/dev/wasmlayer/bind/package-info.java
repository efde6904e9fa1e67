/**
 * Binding Java methods as host functions without writing {@link dev.wasmlayer.types.FuncType}s:
 * annotate them with {@link dev.wasmlayer.bind.WasmImport} and call {@link
 * dev.wasmlayer.Imports.Builder#bind(String, Object)}, or bind a lambda of a functional interface
 * with {@link dev.wasmlayer.Imports.Builder#func(String, String, Class, Object)}. Mismatches (a
 * type without a WebAssembly type, a misplaced {@code Caller}, an inaccessible class) are reported
 * when binding, naming the method. The generated adapters call the method through a constant method
 * handle: numbers-only signatures run without allocation.
 */
package dev.wasmlayer.bind;
