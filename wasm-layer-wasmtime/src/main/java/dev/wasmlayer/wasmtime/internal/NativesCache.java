package dev.wasmlayer.wasmtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The content-addressed copy of a natives jar's library: {@code <root>/wasmtime-<version>/sha256-<hex>/<file>}. It is
 * verified once, while it is extracted (hashed as it is copied into a temporary file in the same directory, then moved
 * into place atomically); later starts reuse it without reading it, since its directory name is its checksum and a
 * size check catches a truncated copy. Two JVMs extracting at once each write their own temporary file and the last
 * rename wins with identical content.
 */
public final class NativesCache {
  /** Opens the library's bytes (the jar resource). */
  @FunctionalInterface
  public interface Source {
    /** A fresh stream over the library. */
    InputStream open() throws IOException;
  }

  private final Path root;
  private final Supplier<MessageDigest> sha256;

  /** A cache under {@code root} hashing with SHA-256. */
  public NativesCache(Path root) {
    this(root, NativesCache::newSha256);
  }

  /** The same with the digest supplied, so tests can see what is hashed. */
  public NativesCache(Path root, Supplier<MessageDigest> sha256) {
    this.root = root;
    this.sha256 = sha256;
  }

  /** Where the library of {@code m} lives in this cache. */
  public Path pathOf(NativesManifest m) {
    return root.resolve("wasmtime-" + m.version()).resolve("sha256-" + m.sha256()).resolve(m.file());
  }

  /** Whether a complete copy is already in place: no bytes are read. */
  public boolean has(NativesManifest m) {
    Path target = pathOf(m);
    try {
      return Files.isRegularFile(target) && Files.size(target) == m.size();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The cached library, extracting it from {@code source} first if there is no complete copy. A source whose bytes do
   * not match the manifest's SHA-256 and size is refused with an {@link IOException} and nothing is left behind.
   */
  public Path resolve(NativesManifest m, Source source) throws IOException {
    Path target = pathOf(m);
    if (has(m)) {
      return target;
    }
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + m.file() + ".", ".part");
    try {
      copyVerified(m, source, tmp);
      readableByAll(tmp);
      moveIntoPlace(m, tmp, target);
      return target;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private void copyVerified(NativesManifest m, Source source, Path tmp) throws IOException {
    MessageDigest md = sha256.get();
    long size = 0;
    try (InputStream in = source.open(); OutputStream out = Files.newOutputStream(tmp)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
        out.write(buf, 0, n);
        size += n;
      }
    }
    String actual = HexFormat.of().formatHex(md.digest());
    if (size != m.size() || !actual.equals(m.sha256())) {
      throw new IOException("the natives jar's " + m.file() + " is not what its " + NativesManifest.NAME
          + " says: sha256 " + actual + " and " + size + " bytes, expected " + m.sha256() + " and " + m.size()
          + " bytes (a damaged jar?)");
    }
  }

  private void moveIntoPlace(NativesManifest m, Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (FileSystemException e) {
      // e.g. Windows refuses to replace a library another process has loaded: fine if that copy is complete
      if (e instanceof NoSuchFileException || !has(m)) {
        throw e;
      }
    }
  }

  /** A temporary file is created owner-only; a library in a cache other users may share is rw-r--r--. */
  private static void readableByAll(Path p) throws IOException {
    if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
