package dev.wasmlayer.tck.views;

/** {@code externref -> i32}. */
@FunctionalInterface
public interface Unwrap {
  int unwrap(Object o);
}
