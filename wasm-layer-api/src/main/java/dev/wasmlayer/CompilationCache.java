package dev.wasmlayer;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where engines keep compiled code so that compiling the same module again is cheap: set it with
 * {@link EngineConfig.Builder#cache(CompilationCache)}. Keys name the engine, its version, its
 * configuration and the module's digest, so one cache can serve several engines. Engines that
 * cannot cache declare {@link dev.wasmlayer.Feature#SERIALIZATION} missing.
 */
public interface CompilationCache {
  /**
   * {@return the entry for {@code key}, if present and intact}
   *
   * @param key the cache key (as {@code dev.wasmlayer.spi.support.CacheKeys} makes them)
   */
  Optional<byte[]> get(String key);

  /**
   * Stores an entry; a cache may drop it (e.g. when full or read-only).
   *
   * @param key the cache key (as {@code dev.wasmlayer.spi.support.CacheKeys} makes them)
   * @param value the compiled code
   */
  void put(String key, byte[] value);

  /** {@return a cache in this process's memory (unbounded; drop the engine config to free it)} */
  static CompilationCache inMemory() {
    return new MemoryCache();
  }

  /**
   * {@return a cache in {@code dir}, created with permissions for its owner only (0700)} Each entry
   * is one file that names the key it was made for and carries an HMAC-SHA256 of that key and its
   * content, under a random secret kept in the directory (file {@code secret}, mode 0600, made on
   * first open). {@link #get} returns an entry only if it belongs to this process's user, others
   * cannot write it, it names the key asked for and its MAC verifies; anything else is a miss and
   * the file is deleted, because a wasmtime entry is native code. Whoever can write {@code dir} as
   * this user can read the secret and so make the engine load code of their choosing: keep the
   * directory private.
   *
   * @param dir the directory that holds the entries; created if missing
   * @throws IllegalArgumentException if {@code dir} is a symbolic link, is owned by another user or
   *     is writable by its group or others, or if its secret is owned by another user or is
   *     readable or writable by its group or others (the owner and mode checks are skipped on file
   *     systems without POSIX permissions)
   * @throws java.io.UncheckedIOException if {@code dir} or its secret cannot be created or read
   */
  static CompilationCache onDisk(Path dir) {
    return DiskCache.open(dir);
  }
}
