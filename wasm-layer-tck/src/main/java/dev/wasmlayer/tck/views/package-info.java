/**
 * View interfaces and result records for the typed-view tests, in a package that {@code
 * module-info} deliberately neither exports nor opens: on the module path wasm-layer reaches them
 * only through the test's own {@code MethodHandles.lookup()}, as it would reach a modular
 * application's internal package.
 */
package dev.wasmlayer.tck.views;
