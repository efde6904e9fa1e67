package dev.wasmlayer.chicory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Whether the Java heap can still hold an allocation: Chicory's memories and tables live there, so
 * "what the engine can give" is the heap. A guest may use it up to a reserve left to the rest of
 * the JVM (an eighth of the heap, at least 16 MiB), so that a refused grow is -1 rather than an
 * OutOfMemoryError elsewhere in the process.
 */
final class JavaHeap {
  private static final long MIN_RESERVE = 16L << 20;

  private JavaHeap() {}

  /**
   * Whether {@code bytes} more fit, judged without forcing a collection. Unreachable objects count
   * as used until the collector runs; when the plain count says no, the young pools are counted at
   * what they held after their last collection instead, so a guest looping on grows does not pay
   * for collections. That second count can miss live objects allocated since the last young
   * collection: a grow may then pass and fail in the allocation itself, which the callers catch
   * (OutOfMemoryError on their own allocation is a refused grow, -1). Garbage in older pools still
   * counts until the collector runs, so a grow may be refused that a collection would have allowed.
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
    return bytes <= room - (rt.totalMemory() - rt.freeMemory())
        || bytes <= room - usedBesidesYoungGarbage();
  }

  /**
   * The heap in use, counting young pools (HotSpot's "Eden" and "Survivor" spaces, which every
   * young collection empties into older ones) at what they held after their last collection. An
   * older pool's after-collection use is not counted: on some collectors (G1 on JDK 17) it is only
   * updated by the rare collections that cover it.
   */
  private static long usedBesidesYoungGarbage() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        MemoryUsage after = pool.getCollectionUsage();
        boolean young = pool.getName().contains("Eden") || pool.getName().contains("Survivor");
        used += (young && after != null ? after : pool.getUsage()).getUsed();
      }
    }
    return used;
  }
}
