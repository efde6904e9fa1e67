package dev.wasmlayer;

import dev.wasmlayer.internal.DiskCache;
import dev.wasmlayer.internal.MemoryCache;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where engines keep compiled code so that compiling the same module again is cheap: set it with
 * {@link EngineConfig.Builder#cache(CompilationCache)}. Keys name the engine, its version, its configuration and the
 * module's digest, so one cache can serve several engines. Engines that cannot cache declare
 * {@link dev.wasmlayer.spi.Feature#SERIALIZATION} missing.
 */
public interface CompilationCache {
  /** The entry for {@code key}, if present and intact. */
  Optional<byte[]> get(String key);

  /** Stores an entry; a cache may drop it (e.g. when full or read-only). */
  void put(String key, byte[] value);

  /** A cache in this process's memory (unbounded; drop the engine config to free it). */
  static CompilationCache inMemory() {
    return new MemoryCache();
  }

  /**
   * A cache in {@code dir}, created with permissions for its owner only (0700). Every entry is stored with its SHA-256
   * beside it and any mismatch is treated as a miss, because a tampered wasmtime entry is native code.
   *
   * @throws IllegalArgumentException if {@code dir} exists and others may write to it
   */
  static CompilationCache onDisk(Path dir) {
    return DiskCache.open(dir);
  }
}
