package dev.wasmlayer.tck.views;

/**
 * Two results, one per component.
 *
 * @param first the i64 result
 * @param second the i32 result
 */
public record Swapped(long first, int second) {}
