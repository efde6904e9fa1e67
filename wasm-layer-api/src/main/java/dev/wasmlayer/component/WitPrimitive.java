package dev.wasmlayer.component;

/** The WIT types without structure. */
public enum WitPrimitive implements WitType {
  BOOL,
  S8,
  U8,
  S16,
  U16,
  S32,
  U32,
  S64,
  U64,
  F32,
  F64,
  CHAR,
  STRING;

  /** {@return the WIT spelling, such as {@code u32} or {@code string}} */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
