package dev.wasmlayer.chicory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Whether the Java heap can still hold an allocation: Chicory's memories and tables live there, so "what the engine
 * can give" is the heap. A guest may use it up to a reserve left to the rest of the JVM (an eighth of the heap, at
 * least 16 MiB), so that a refused grow is -1 rather than an OutOfMemoryError elsewhere in the process.
 */
final class JavaHeap {
  private static final long MIN_RESERVE = 16L << 20;

  private JavaHeap() {}

  /**
   * Whether {@code bytes} more fit. Unreachable objects count as used until the collector runs, so when the heap looks
   * full this measures, without forcing a collection, what each heap pool held right after its last one: a guest
   * looping on a refused grow costs no collections. What that misses is caught where the memory is allocated (an
   * OutOfMemoryError there is a refused grow too).
   */
  static boolean fits(long bytes) {
    Runtime rt = Runtime.getRuntime();
    long max = rt.maxMemory();
    if (max == Long.MAX_VALUE) {
      return true;
    }
    long room = max - Math.max(max / 8, MIN_RESERVE);
    if (bytes > room) {
      return false;
    }
    return bytes <= room - (rt.totalMemory() - rt.freeMemory()) || bytes <= room - usedAfterLastCollections();
  }

  /** The heap pools' use after each one's latest collection (their current use where a pool reports none). */
  private static long usedAfterLastCollections() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        MemoryUsage after = pool.getCollectionUsage();
        used += (after != null ? after : pool.getUsage()).getUsed();
      }
    }
    return used;
  }
}
