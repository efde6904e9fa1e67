package dev.wasmlayer;

/**
 * An unboxed 31-bit integer in the {@code any} hierarchy ({@code ref.i31}). It belongs to no store
 * and needs no rooting: the same value on every engine that has {@link Feature#GC}.
 *
 * @param bits the low 31 bits of the value (bit 31 is always clear)
 */
public record I31Ref(int bits) {
  /** Keeps the low 31 bits, as {@code ref.i31} does. */
  public I31Ref {
    bits &= 0x7FFF_FFFF;
  }

  /**
   * {@return the i31 of the low 31 bits of {@code value}}
   *
   * @param value any int; bit 31 is dropped
   */
  public static I31Ref of(int value) {
    return new I31Ref(value);
  }

  /** {@return the value sign-extended from 31 bits ({@code i31.get_s})} */
  public int signed() {
    return (bits << 1) >> 1;
  }

  /** {@return the value zero-extended from 31 bits ({@code i31.get_u})} */
  public int unsigned() {
    return bits;
  }
}
