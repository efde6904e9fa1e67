package dev.wasmlayer.types;

/** The vector type of the SIMD proposal. */
public enum VecType implements ValType {
  /** 128-bit vector. */
  V128;

  @Override
  public int slots() {
    return 2;
  }

  @Override
  public String text() {
    return "v128";
  }

  @Override
  public String toString() {
    return text();
  }
}
