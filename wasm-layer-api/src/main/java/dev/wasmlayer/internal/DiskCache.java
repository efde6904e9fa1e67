package dev.wasmlayer.internal;

import dev.wasmlayer.CompilationCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@link CompilationCache#onDisk(Path)}: one file per entry plus its SHA-256, in a directory only the owner may write.
 * Reads verify the digest (a mismatch deletes the entry and misses); writes go to a temporary file and are moved in.
 */
public final class DiskCache implements CompilationCache {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  private static final Set<PosixFilePermission> OTHERS_WRITE =
      EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  private final Path dir;

  private DiskCache(Path dir) {
    this.dir = dir;
  }

  /** Opens (creating it 0700 if needed) the cache directory. */
  public static DiskCache open(Path dir) {
    try {
      if (!Files.exists(dir)) {
        Files.createDirectories(dir.toAbsolutePath().getParent());
        try {
          Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
          Files.createDirectory(dir);
        }
      }
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("compilation cache " + dir + " is not a directory");
      }
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        if (perms.stream().anyMatch(OTHERS_WRITE::contains)) {
          throw new IllegalArgumentException("compilation cache " + dir + " is writable by others (" +
              PosixFilePermissions.toString(perms) + "); use a directory only you can write (chmod 700)");
        }
      } catch (UnsupportedOperationException notPosix) {
        // no POSIX permissions to check on this file system
      }
      return new DiskCache(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open compilation cache " + dir, e);
    }
  }

  private static String checkKey(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("bad cache key '" + key + "'");
    }
    return key;
  }

  @Override
  public Optional<byte[]> get(String key) {
    Path entry = dir.resolve(checkKey(key) + ".bin");
    Path digest = dir.resolve(key + ".sha256");
    try {
      if (!Files.exists(entry) || !Files.exists(digest)) {
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(entry);
      if (!Arrays.equals(sha256(bytes), Files.readAllBytes(digest))) {
        Files.deleteIfExists(entry); // tampered or torn: never hand it to an engine
        Files.deleteIfExists(digest);
        return Optional.empty();
      }
      return Optional.of(bytes);
    } catch (IOException e) {
      return Optional.empty(); // an unreadable entry is a miss
    }
  }

  @Override
  public void put(String key, byte[] value) {
    checkKey(key);
    try {
      write(dir.resolve(key + ".bin"), value);
      write(dir.resolve(key + ".sha256"), sha256(value));
    } catch (IOException e) {
      // a cache that cannot be written only costs a recompile
    }
  }

  private void write(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(dir, ".entry", ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
