package dev.wasmlayer.spi.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Keys for {@link dev.wasmlayer.CompilationCache}, made the same way by every engine. */
public final class CacheKeys {
  private CacheKeys() {}

  /**
   * {@return {@code <engine id>-<hex SHA-256>} over the engine's id and version, its
   * configuration's {@link dev.wasmlayer.EngineConfig#fingerprint()} and the module's bytes (each
   * part length-prefixed)}
   *
   * @param engineId the engine's id
   * @param engineVersion the engine's version
   * @param configuration the config's {@link dev.wasmlayer.EngineConfig#fingerprint() fingerprint}
   * @param module the module's bytes
   */
  public static String key(
      String engineId, String engineVersion, String configuration, byte[] module) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (String s : new String[] {engineId, engineVersion, configuration}) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.update(ByteBuffer.allocate(4).putInt(b.length).array());
        d.update(b);
      }
      d.update(module);
      StringBuilder hex = new StringBuilder(engineId).append('-');
      for (byte x : d.digest()) {
        hex.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
