package dev.wasmlayer;

/**
 * Limits of a pooling instance allocator ({@link EngineConfig.Builder#pooling(Pooling)}): memories,
 * tables and instances come from slots reserved once per engine and reused, so instantiating and
 * freeing a store maps no memory. Only engines declaring {@link Feature#POOLING_ALLOCATOR} have
 * one; instantiating past a limit fails with a {@link LimitException} or the engine's error.
 *
 * @param instances how many instances may live at once, over all the engine's stores
 * @param memories how many linear memories may live at once
 * @param tables how many tables may live at once
 * @param maxMemoryBytes the largest one memory may grow, in bytes; 0 for the engine's default
 */
public record Pooling(int instances, int memories, int tables, long maxMemoryBytes) {
  /** Checks the limits. */
  public Pooling {
    if (instances < 1 || memories < 0 || tables < 0 || maxMemoryBytes < 0) {
      throw new IllegalArgumentException(
          "pooling limits must be positive: "
              + instances
              + " instances, "
              + memories
              + " memories, "
              + tables
              + " tables, "
              + maxMemoryBytes
              + " bytes per memory");
    }
  }

  /**
   * {@return a pool for {@code instances} live instances, with as many memories and tables,
   * memories of the engine's default size}
   *
   * @param instances how many instances may live at once
   */
  public static Pooling of(int instances) {
    return new Pooling(instances, instances, instances, 0);
  }

  /**
   * {@return these limits with memories of at most {@code bytes}}
   *
   * @param bytes the largest one memory may grow, in bytes
   */
  public Pooling withMaxMemoryBytes(long bytes) {
    return new Pooling(instances, memories, tables, bytes);
  }
}
