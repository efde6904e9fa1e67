package dev.wasmlayer.componentmodel.wasi;

import java.util.List;

/** Reading WIT argument values as the runtime passes them. */
final class Values {
  private Values() {}

  /** A u64 (or any integer) argument's bits. */
  static long u64(Object o) {
    return ((Number) o).longValue();
  }

  /** An unsigned length, at most {@code max}. */
  static int atMost(Object len, int max) {
    long n = u64(len);
    return Long.compareUnsigned(n, max) > 0 ? max : (int) n;
  }

  /** A {@code list<u8>} argument: a {@code byte[]} or, accepted too, a list of numbers. */
  static byte[] bytes(Object o) {
    if (o instanceof byte[] b) {
      return b;
    }
    List<?> l = (List<?>) o;
    byte[] b = new byte[l.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = ((Number) l.get(i)).byteValue();
    }
    return b;
  }

  /** A {@code flags} argument. */
  static boolean has(Object flags, String name) {
    return ((java.util.Set<?>) flags).contains(name);
  }

  /** Casts an argument to the resource class it must be, refusing a wrong one clearly. */
  static <T> T as(Class<T> kind, Object o, String what) {
    if (!kind.isInstance(o)) {
      throw new IllegalArgumentException(
          what + " must be a " + kind.getSimpleName() + ", not " + o);
    }
    return kind.cast(o);
  }
}
