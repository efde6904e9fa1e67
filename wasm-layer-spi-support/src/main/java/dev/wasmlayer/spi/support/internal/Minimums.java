package dev.wasmlayer.spi.support.internal;

/**
 * What instantiating a module creates at once: the bytes of its memories and the elements of its
 * tables at their minimums (imported ones excluded: they were counted when made). Sums saturate at
 * {@link Long#MAX_VALUE}.
 *
 * @param memoryBytes the defined memories' minimum sizes in bytes, summed
 * @param tableElements the defined tables' minimum sizes, summed
 */
public record Minimums(long memoryBytes, long tableElements) {
  /** Nothing. */
  public static final Minimums NONE = new Minimums(0, 0);

  /** These plus a memory of {@code bytes}. */
  public Minimums plusMemory(long bytes) {
    return new Minimums(add(memoryBytes, bytes), tableElements);
  }

  /** These plus a table of {@code elements}. */
  public Minimums plusTable(long elements) {
    return new Minimums(memoryBytes, add(tableElements, elements));
  }

  private static long add(long a, long b) {
    return b > Long.MAX_VALUE - a ? Long.MAX_VALUE : a + b;
  }
}
