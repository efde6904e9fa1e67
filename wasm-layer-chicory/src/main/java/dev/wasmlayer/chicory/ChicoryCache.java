package dev.wasmlayer.chicory;

import com.dylibso.chicory.compiler.Cache;
import dev.wasmlayer.CompilationCache;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.spi.support.CacheKeys;
import java.nio.charset.StandardCharsets;

/**
 * Chicory's compiler cache (the generated classes of a module) on a wasm-layer {@link
 * CompilationCache}: Chicory's own key is folded into one that also names the Chicory version and
 * the engine configuration.
 */
final class ChicoryCache implements Cache {
  private final CompilationCache cache;
  private final String version;
  private final String configuration;

  ChicoryCache(CompilationCache cache, String version, EngineConfig config) {
    this.cache = cache;
    this.version = version;
    this.configuration = config.fingerprint();
  }

  private String key(String chicoryKey) {
    return CacheKeys.key(
        ChicoryEngineProvider.ID,
        version,
        configuration,
        chicoryKey.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] get(String chicoryKey) {
    return cache.get(key(chicoryKey)).orElse(null);
  }

  @Override
  public void putIfAbsent(String chicoryKey, byte[] classes) {
    cache.put(key(chicoryKey), classes);
  }
}
