package dev.wasmlayer.tck.views;

/** {@code i32 -> (i32, i32, i32)}. */
@FunctionalInterface
public interface Triple {
  int[] of(int x);
}
