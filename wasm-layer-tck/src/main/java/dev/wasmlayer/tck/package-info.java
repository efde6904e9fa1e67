/**
 * The wasm-layer TCK: one test class per API concept. A backend runs it by adding this jar as a
 * test dependency and scanning it (surefire {@code dependenciesToScan}), with {@code
 * -Ddev.wasmlayer.engine} pinned.
 */
package dev.wasmlayer.tck;
