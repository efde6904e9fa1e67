package dev.wasmlayer;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link CompilationCache#inMemory()}. */
final class MemoryCache implements CompilationCache {
  private final Map<String, byte[]> entries = new ConcurrentHashMap<>();

  @Override
  public Optional<byte[]> get(String key) {
    byte[] v = entries.get(key);
    return v == null ? Optional.empty() : Optional.of(v.clone());
  }

  @Override
  public void put(String key, byte[] value) {
    entries.putIfAbsent(key, value.clone());
  }
}
