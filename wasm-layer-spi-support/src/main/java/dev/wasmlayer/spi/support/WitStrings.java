package dev.wasmlayer.spi.support;

/**
 * The one rule for a Java string crossing into a component, on every engine: a WIT string holds
 * Unicode scalar values, so an unpaired surrogate is refused rather than turned into {@code ?} by
 * an encoder.
 */
public final class WitStrings {
  private WitStrings() {}

  /**
   * {@return {@code s}, checked}
   *
   * @param s the string
   * @param what what it is, for the message (a parameter name and path)
   * @throws IllegalArgumentException naming {@code what} and the index of an unpaired surrogate
   */
  public static String scalars(String s, String what) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new IllegalArgumentException(
            what
                + ": unpaired surrogate 0x"
                + Integer.toHexString(c)
                + " at index "
                + i
                + " (a WIT string holds Unicode scalar values only)");
      }
    }
    return s;
  }
}
