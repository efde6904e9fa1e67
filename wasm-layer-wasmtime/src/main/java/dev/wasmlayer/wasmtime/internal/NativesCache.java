package dev.wasmlayer.wasmtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The content-addressed copy of a natives jar's library: {@code
 * <root>/wasmtime-<version>/sha256-<hex>/<file>}. It is verified once, while it is extracted
 * (hashed as it is copied into a temporary file in the same directory, then moved into place
 * atomically); later starts reuse it without reading it, since its directory name is its checksum
 * and a size check catches a truncated copy. Two JVMs extracting at once each write their own
 * temporary file and the last rename wins with identical content.
 *
 * <p>Trust. Since a cached copy is loaded without being read, whoever can write its place chooses
 * the native code this JVM runs. On POSIX file systems a copy is used only if it is a regular file
 * (not a link), owned by this process's user (or root) and not writable by group or others, in
 * directories alike (the root may be reached through a link, the directories below it may not); a
 * cache that fails this is refused with the reason, never used or written. Directories it makes are
 * {@code rwxr-xr-x} whatever the umask allows.
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
    return base()
        .resolve("wasmtime-" + m.version())
        .resolve("sha256-" + m.sha256())
        .resolve(m.file());
  }

  /** Whether a complete copy this process may trust is already in place: no bytes are read. */
  public boolean has(NativesManifest m) {
    Path target = pathOf(m);
    try {
      if (!posix()) {
        return Files.isRegularFile(target) && Files.size(target) == m.size();
      }
      UserPrincipal me = currentUser();
      PosixFileAttributes a =
          Files.readAttributes(target, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return me != null
          && a.isRegularFile()
          && a.size() == m.size()
          && untrusted(a, me) == null
          && untrustedDirs(target.getParent(), me) == null;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The cached library, extracting it from {@code source} first if there is no complete copy. A
   * source whose bytes do not match the manifest's SHA-256 and size is refused with an {@link
   * IOException} and nothing is left behind.
   */
  public Path resolve(NativesManifest m, Source source) throws IOException {
    Path target = pathOf(m);
    if (has(m)) {
      return target;
    }
    Path dir = target.getParent();
    if (posix()) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    } else {
      Files.createDirectories(dir);
    }
    UserPrincipal me = posix() ? currentUser() : null;
    if (me != null) {
      refuseUntrusted(
          dir, me); // before writing anything there: a linked directory could be anywhere
    }
    Path tmp = Files.createTempFile(dir, "." + m.file() + ".", ".part");
    try {
      if (posix() && me == null) {
        refuseUntrusted(dir, Files.getOwner(tmp, LinkOption.NOFOLLOW_LINKS));
      }
      sweepStaleParts(m, dir, tmp);
      copyVerified(m, source, tmp);
      readableByAll(tmp);
      moveIntoPlace(m, tmp, target);
      return target;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private void refuseUntrusted(Path dir, UserPrincipal me) throws IOException {
    String problem = untrustedDirs(dir, me);
    if (problem != null) {
      throw new IOException(
          problem
              + "; whoever can change it chooses the native code this JVM loads: make it "
              + "yours and chmod go-w it, or set WASM_LAYER_CACHE to a directory of your own that only you can write");
    }
  }

  /**
   * Deletes what extractions that died left behind (a killed JVM leaves its {@code .part}, as big
   * as the library): only this file's temporary files, only regular ones, and only those untouched
   * for an hour, so a concurrent extraction's is never taken.
   */
  private static void sweepStaleParts(NativesManifest m, Path dir, Path mine) {
    long before = System.currentTimeMillis() - STALE_PART_MILLIS;
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "." + m.file() + ".*.part")) {
      for (Path p : parts) {
        BasicFileAttributes a =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!p.equals(mine) && a.isRegularFile() && a.lastModifiedTime().toMillis() < before) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: a leftover costs disk space, never correctness
    }
  }

  /** How long a {@code .part} may be untouched before it counts as left behind. */
  static final long STALE_PART_MILLIS = 60 * 60 * 1000L;

  private void copyVerified(NativesManifest m, Source source, Path tmp) throws IOException {
    MessageDigest md = sha256.get();
    long size = 0;
    try (InputStream in = source.open();
        OutputStream out = Files.newOutputStream(tmp)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
        out.write(buf, 0, n);
        size += n;
      }
    }
    String actual = HexFormat.of().formatHex(md.digest());
    if (size != m.size() || !actual.equals(m.sha256())) {
      throw new IOException(
          "the natives jar's "
              + m.file()
              + " is not what its "
              + NativesManifest.NAME
              + " says: sha256 "
              + actual
              + " and "
              + size
              + " bytes, expected "
              + m.sha256()
              + " and "
              + m.size()
              + " bytes (a damaged jar?)");
    }
  }

  private void moveIntoPlace(NativesManifest m, Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (FileSystemException e) {
      // e.g. Windows refuses to replace a library another process has loaded: fine if that copy is
      // complete
      if (e instanceof NoSuchFileException || !has(m)) {
        throw e;
      }
    }
  }

  /**
   * Why a library at {@code file}, two directories below this cache's root (as {@code
   * <root>/wasmtime-<version>/ <platform>/<file>}), may not be trusted to stay what it was when it
   * was checked, or null if it may: the same rule as a cached copy's, the file itself being reached
   * through a link if need be.
   */
  public String untrustedFile(Path file) {
    if (!posix()) {
      return null;
    }
    UserPrincipal me = currentUser();
    if (me == null) {
      return "natives cache " + root + ": cannot tell which user this process runs as";
    }
    try {
      PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
      String problem = !a.isRegularFile() ? "is not a regular file" : untrusted(a, me);
      return problem != null
          ? "natives cache " + file + " " + problem
          : untrustedDirs(file.getParent(), me);
    } catch (IOException | RuntimeException e) {
      return "natives cache " + file + ": " + e;
    }
  }

  /**
   * The root with its links resolved where it exists: a path handed out for loading never goes
   * through a link (a {@code WASM_LAYER_CACHE} link in /tmp, say) that someone could re-point
   * between the check and the load.
   */
  private Path base() {
    try {
      return root.toRealPath();
    } catch (IOException | RuntimeException e) {
      return root;
    }
  }

  private boolean posix() {
    return root.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Why {@code dir}, its parent and the root may not be trusted by {@code me}, or null if they may.
   */
  private String untrustedDirs(Path dir, UserPrincipal me) throws IOException {
    Path top = dir.getParent().getParent();
    for (Path p : new Path[] {dir, dir.getParent(), top}) {
      LinkOption[] how =
          p == top ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
      PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, how);
      String problem =
          a.isSymbolicLink()
              ? "is a symbolic link"
              : !a.isDirectory() ? "is not a directory" : untrusted(a, me);
      if (problem != null) {
        return "natives cache " + p + " " + problem;
      }
    }
    return null;
  }

  /**
   * Why a file or directory with these attributes may not be trusted by {@code me}, or null if it
   * may.
   */
  static String untrusted(PosixFileAttributes a, UserPrincipal me) {
    UserPrincipal owner = a.owner();
    if (!owner.equals(me) && !"root".equals(owner.getName())) {
      return "is owned by "
          + owner.getName()
          + ", not by "
          + me.getName()
          + " (the user this process runs as)";
    }
    if (a.permissions().contains(PosixFilePermission.GROUP_WRITE)
        || a.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
      return "is writable by others (" + PosixFilePermissions.toString(a.permissions()) + ")";
    }
    return null;
  }

  /**
   * This process's user without writing a file: the owner of /proc/self on Linux, else by
   * user.name; null if unknown.
   */
  private UserPrincipal currentUser() {
    try {
      Path self = Paths.get("/proc/self");
      if (Files.exists(self)) {
        return Files.getOwner(self);
      }
      return root.getFileSystem()
          .getUserPrincipalLookupService()
          .lookupPrincipalByName(System.getProperty("user.name"));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * A temporary file is created owner-only; a library in a cache other users may share is
   * rw-r--r--.
   */
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
