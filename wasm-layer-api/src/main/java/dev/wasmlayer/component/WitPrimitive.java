package dev.wasmlayer.component;

/** The WIT types without structure. */
public enum WitPrimitive implements WitType {
  /** {@code bool}. */
  BOOL,
  /** {@code s8}. */
  S8,
  /** {@code u8}. */
  U8,
  /** {@code s16}. */
  S16,
  /** {@code u16}. */
  U16,
  /** {@code s32}. */
  S32,
  /** {@code u32}. */
  U32,
  /** {@code s64}. */
  S64,
  /** {@code u64}. */
  U64,
  /** {@code f32}. */
  F32,
  /** {@code f64}. */
  F64,
  /** {@code char}: a Unicode scalar value. */
  CHAR,
  /** {@code string}. */
  STRING;

  /** {@return the WIT spelling, such as {@code u32} or {@code string}} */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
