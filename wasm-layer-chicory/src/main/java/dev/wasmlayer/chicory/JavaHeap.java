package dev.wasmlayer.chicory;

/**
 * Whether the Java heap can still hold an allocation: Chicory's memories and tables live there, so "what the engine
 * can give" is the heap. A guest may use it up to a reserve left to the rest of the JVM (an eighth of the heap, at
 * least 16 MiB), so that a refused grow is -1 rather than an OutOfMemoryError elsewhere in the process.
 */
final class JavaHeap {
  private static final long MIN_RESERVE = 16L << 20;
  /** At most one collection per second asked for by refused allocations (see {@link #fits}). */
  private static final long GC_INTERVAL_NANOS = 1_000_000_000L;
  private static volatile long lastGc = System.nanoTime() - GC_INTERVAL_NANOS;

  private JavaHeap() {}

  /**
   * Whether {@code bytes} more fit. Unreachable objects count as used until the collector runs, so when the heap
   * looks full this asks for one collection first (as the JDK does before refusing a direct buffer), at most once a
   * second so a guest looping on a refused grow cannot keep the collector busy.
   */
  static boolean fits(long bytes) {
    Runtime rt = Runtime.getRuntime();
    long max = rt.maxMemory();
    if (max == Long.MAX_VALUE) {
      return true;
    }
    long room = max - Math.max(max / 8, MIN_RESERVE);
    if (bytes <= room - (rt.totalMemory() - rt.freeMemory())) {
      return true;
    }
    if (bytes > room) {
      return false;
    }
    long now = System.nanoTime();
    if (now - lastGc < GC_INTERVAL_NANOS) {
      return false;
    }
    lastGc = now;
    System.gc();
    return bytes <= room - (rt.totalMemory() - rt.freeMemory());
  }
}
