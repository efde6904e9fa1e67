/**
 * TCK machinery: engine bootstrap from system properties, module fixtures, feature conditions,
 * known failures.
 */
package dev.wasmlayer.tck.support;
