package dev.wasmlayer.types;

import java.util.Locale;

/** The four number types. */
public enum NumType implements ValType {
  /** 32-bit integer. */
  I32,
  /** 64-bit integer. */
  I64,
  /** 32-bit IEEE float. */
  F32,
  /** 64-bit IEEE float. */
  F64;

  @Override
  public int slots() {
    return 1;
  }

  @Override
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return text();
  }
}
