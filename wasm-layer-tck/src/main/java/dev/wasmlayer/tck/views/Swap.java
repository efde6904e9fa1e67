package dev.wasmlayer.tck.views;

/** {@code (i32, i64) -> (i64, i32)}, the results as a record of this closed package. */
@FunctionalInterface
public interface Swap {
  Swapped swap(int a, long b);
}
