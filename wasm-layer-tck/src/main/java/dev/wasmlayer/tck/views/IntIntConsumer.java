package dev.wasmlayer.tck.views;

/** {@code (i32, i32) -> ()}. */
@FunctionalInterface
public interface IntIntConsumer {
  void accept(int a, int b);
}
