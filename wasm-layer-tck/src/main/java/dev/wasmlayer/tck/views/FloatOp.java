package dev.wasmlayer.tck.views;

/** {@code f32 -> f32}. */
@FunctionalInterface
public interface FloatOp {
  float apply(float x);
}
