package dev.wasmlayer.wat;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Number literals of the text format: integers (signed or not, decimal or hex, with {@code _}) and
 * floats.
 */
final class Numbers {
  private Numbers() {}

  /** An i32 literal: -2^31 .. 2^32-1, wrapped to 32 bits. */
  static int i32(Sexp at) {
    BigInteger v = integer(at, true);
    if (v.compareTo(BigInteger.valueOf(Integer.MIN_VALUE)) < 0 || v.bitLength() > 32) {
      throw new WatException(at, "constant out of range");
    }
    return v.intValue();
  }

  /** An i64 literal: -2^63 .. 2^64-1, wrapped to 64 bits. */
  static long i64(Sexp at) {
    BigInteger v = integer(at, true);
    if (v.compareTo(BigInteger.valueOf(Long.MIN_VALUE)) < 0 || v.bitLength() > 64) {
      throw new WatException(at, "constant out of range");
    }
    return v.longValue();
  }

  /** An unsigned literal of at most {@code bits} bits (indices, limits, offsets, lanes). */
  static long unsigned(Sexp at, int bits) {
    BigInteger v = integer(at, false);
    if (v.bitLength() > bits) {
      throw new WatException(at, "constant out of range");
    }
    return v.longValue();
  }

  static boolean isUnsigned(Sexp at) {
    if (at.kind != Sexp.Kind.ATOM || at.text.isEmpty()) {
      return false;
    }
    char c = at.text.charAt(0);
    return c >= '0' && c <= '9';
  }

  private static BigInteger integer(Sexp at, boolean signed) {
    if (at.kind != Sexp.Kind.ATOM) {
      throw new WatException(at, "expected a number, got " + at);
    }
    String t = at.text;
    boolean negative = false;
    if (signed && (t.startsWith("+") || t.startsWith("-"))) {
      negative = t.charAt(0) == '-';
      t = t.substring(1);
    }
    int radix = 10;
    if (t.startsWith("0x")) {
      radix = 16;
      t = t.substring(2);
    }
    String digits = underscores(at, t, radix);
    if (digits == null) {
      throw new WatException(at, "unknown operator or malformed number " + at.text);
    }
    BigInteger v = new BigInteger(digits, radix);
    return negative ? v.negate() : v;
  }

  /** Digits without separators, or null when malformed ({@code _} only between digits). */
  private static String underscores(Sexp at, String t, int radix) {
    if (t.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    boolean lastDigit = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '_') {
        if (!lastDigit || i + 1 >= t.length()) {
          return null;
        }
        lastDigit = false;
        continue;
      }
      if (Character.digit(c, radix) < 0) {
        return null;
      }
      b.append(c);
      lastDigit = true;
    }
    return b.toString();
  }

  /** An f32 literal's bits. */
  static int f32(Sexp at) {
    String t = sign(at);
    boolean negative = at.text.startsWith("-");
    String body = t;
    int bits;
    if (body.equals("inf")) {
      bits = 0x7f80_0000;
    } else if (body.equals("nan")) {
      bits = 0x7fc0_0000;
    } else if (body.startsWith("nan:0x")) {
      long payload = payload(at, body.substring(6));
      if (payload == 0 || payload >= (1L << 23)) {
        throw new WatException(at, "constant out of range");
      }
      bits = 0x7f80_0000 | (int) payload;
    } else {
      float f = Float.parseFloat(number(at, body));
      if (Float.isInfinite(f)) {
        throw new WatException(at, "constant out of range");
      }
      bits = Float.floatToRawIntBits(f);
    }
    return negative ? bits | 0x8000_0000 : bits;
  }

  /** An f64 literal's bits. */
  static long f64(Sexp at) {
    String body = sign(at);
    boolean negative = at.text.startsWith("-");
    long bits;
    if (body.equals("inf")) {
      bits = 0x7ff0_0000_0000_0000L;
    } else if (body.equals("nan")) {
      bits = 0x7ff8_0000_0000_0000L;
    } else if (body.startsWith("nan:0x")) {
      long payload = payload(at, body.substring(6));
      if (payload == 0 || payload >= (1L << 52)) {
        throw new WatException(at, "constant out of range");
      }
      bits = 0x7ff0_0000_0000_0000L | payload;
    } else {
      double d = Double.parseDouble(number(at, body));
      if (Double.isInfinite(d)) {
        throw new WatException(at, "constant out of range");
      }
      bits = Double.doubleToRawLongBits(d);
    }
    return negative ? bits | 0x8000_0000_0000_0000L : bits;
  }

  private static String sign(Sexp at) {
    if (at.kind != Sexp.Kind.ATOM) {
      throw new WatException(at, "expected a number, got " + at);
    }
    String t = at.text;
    return t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
  }

  private static long payload(Sexp at, String hex) {
    String digits = underscores(at, hex, 16);
    if (digits == null) {
      throw new WatException(at, "malformed NaN payload " + at.text);
    }
    BigInteger v = new BigInteger(digits, 16);
    if (v.bitLength() > 62) {
      throw new WatException(at, "constant out of range");
    }
    return v.longValue();
  }

  /**
   * The literal (without sign) in a form Java parses with correct rounding: decimal {@code 1.5e3}
   * or hex {@code 0x1.8p3} (an exponent is added when missing). Rejects anything else as malformed.
   */
  private static String number(Sexp at, String t) {
    boolean hex = t.startsWith("0x");
    String body = hex ? t.substring(2) : t;
    int radix = hex ? 16 : 10;
    char expChar = hex ? 'p' : 'e';
    int e = hex ? indexOfAny(body, "pP") : indexOfAny(body, "eE");
    String mantissa = e < 0 ? body : body.substring(0, e);
    String exponent = e < 0 ? null : body.substring(e + 1);
    int dot = mantissa.indexOf('.');
    String whole = dot < 0 ? mantissa : mantissa.substring(0, dot);
    String frac = dot < 0 ? "" : mantissa.substring(dot + 1);
    String w = underscores(at, whole, radix);
    String f = frac.isEmpty() ? "" : underscores(at, frac, radix);
    if (w == null || f == null) {
      throw new WatException(at, "unknown operator or malformed number " + at.text);
    }
    String exp = "0";
    if (exponent != null) {
      String sign = "";
      if (exponent.startsWith("+") || exponent.startsWith("-")) {
        sign = exponent.substring(0, 1);
        exponent = exponent.substring(1);
      }
      String digits = underscores(at, exponent, 10);
      if (digits == null) {
        throw new WatException(at, "unknown operator or malformed number " + at.text);
      }
      // clamp huge exponents: the value is zero or infinite either way
      BigInteger big = new BigInteger(digits);
      exp = sign + (big.compareTo(BigInteger.valueOf(100_000)) > 0 ? "100000" : big.toString());
    }
    if (hex) {
      return "0x" + w + (f.isEmpty() ? "" : "." + f) + "p" + exp;
    }
    return new BigDecimal(w + (f.isEmpty() ? "" : "." + f) + expChar + exp).toString();
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
