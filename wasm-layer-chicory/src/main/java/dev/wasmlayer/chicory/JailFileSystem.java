package dev.wasmlayer.chicory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A view of one host directory for Chicory's WASI: every path is checked to stay inside the directory after symlinks
 * are resolved (Chicory's WASI refuses {@code ..} but follows a symlink out of its preopen), and a read-only view refuses
 * every change. Refusals are {@link AccessDeniedException}s, which the guest sees as an error number.
 */
final class JailFileSystem extends FileSystem {
  private final JailProvider provider = new JailProvider(this);
  private final FileSystem host;
  private final Path root;
  private final Path realRoot;
  private final boolean readOnly;

  private JailFileSystem(Path root, boolean readOnly) throws IOException {
    this.host = root.getFileSystem();
    this.root = root.toAbsolutePath().normalize();
    this.realRoot = root.toRealPath();
    this.readOnly = readOnly;
  }

  /** The jailed view of {@code dir}, as the path to hand to Chicory. */
  static Path of(Path dir, boolean readOnly) {
    try {
      JailFileSystem fs = new JailFileSystem(dir, readOnly);
      return new JailPath(fs, fs.root);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot preopen " + dir + ": " + e, e);
    }
  }

  /**
   * Throws unless {@code p} stays inside the directory: lexically, and after resolving symlinks on the longest prefix
   * that exists (including the last name when {@code followLast}).
   */
  void confine(JailPath p, boolean followLast) throws IOException {
    Path abs = p.host().toAbsolutePath().normalize();
    if (!abs.startsWith(root)) {
      throw new AccessDeniedException(p.toString(), null, "outside the preopened directory");
    }
    Path existing = abs;
    boolean last = true;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
      last = false;
    }
    if (existing == null) {
      throw new AccessDeniedException(p.toString());
    }
    if (last && !followLast && Files.isSymbolicLink(existing)) {
      existing = existing.getParent(); // the link itself is the object: its directory must be inside
    }
    if (!existing.toRealPath().startsWith(realRoot)) {
      throw new AccessDeniedException(p.toString(), null, "resolves outside the preopened directory");
    }
  }

  /** Whether {@code hostPath} is the preopened directory itself. */
  boolean isRoot(Path hostPath) {
    return hostPath.toAbsolutePath().normalize().equals(root);
  }

  /** Throws if the view is read-only. */
  void checkWritable(JailPath p) throws AccessDeniedException {
    if (readOnly) {
      throw new AccessDeniedException(p.toString(), null, "read-only preopened directory");
    }
  }

  JailPath wrap(Path hostPath) {
    return new JailPath(this, hostPath);
  }

  @Override
  public JailProvider provider() {
    return provider;
  }

  @Override
  public void close() {}

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public boolean isReadOnly() {
    return readOnly;
  }

  @Override
  public String getSeparator() {
    return host.getSeparator();
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    List<Path> roots = new ArrayList<>();
    host.getRootDirectories().forEach(r -> roots.add(wrap(r)));
    return roots;
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    return host.getFileStores();
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return host.supportedFileAttributeViews();
  }

  @Override
  public Path getPath(String first, String... more) {
    return wrap(host.getPath(first, more));
  }

  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    PathMatcher m = host.getPathMatcher(syntaxAndPattern);
    return p -> m.matches(p instanceof JailPath ? ((JailPath) p).host() : p);
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    return host.getUserPrincipalLookupService();
  }

  @Override
  public WatchService newWatchService() {
    throw new UnsupportedOperationException("watching is not offered to WASI guests");
  }
}
