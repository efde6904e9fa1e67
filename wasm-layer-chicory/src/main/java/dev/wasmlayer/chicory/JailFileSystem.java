package dev.wasmlayer.chicory;

import dev.wasmlayer.internal.PathJail;
import dev.wasmlayer.wasi.Preopen;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A view of one host directory for Chicory's WASI, enforcing {@link PathJail}'s rule: Chicory's WASI refuses {@code ..}
 * but follows a symlink out of its preopen, and cannot make a directory read-only.
 */
final class JailFileSystem extends FileSystem {
  private final JailProvider provider = new JailProvider(this);
  private final FileSystem host;
  private final Path root;
  private final PathJail jail;
  private final boolean readOnly;

  private JailFileSystem(Path root, boolean readOnly) throws IOException {
    this.host = root.getFileSystem();
    this.root = root.toAbsolutePath().normalize();
    this.jail = new PathJail(List.of(new Preopen(root, "/", readOnly)));
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

  /** Throws unless {@code p} stays inside the directory (see {@link PathJail#confine}). */
  void confine(JailPath p, boolean followLast) throws IOException {
    jail.confine(p.host(), followLast);
  }

  /** Whether {@code hostPath} is the preopened directory itself. */
  boolean isRoot(Path hostPath) {
    return jail.isRoot(hostPath);
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
