package dev.wasmlayer.tck.views;

/** {@code i32 -> externref}. */
@FunctionalInterface
public interface Wrap {
  Object wrap(int x);
}
