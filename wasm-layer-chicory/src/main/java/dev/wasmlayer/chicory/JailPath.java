package dev.wasmlayer.chicory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;

/** A path of a {@link JailFileSystem}: a host path, re-wrapped by every operation so it stays in the jail's checks. */
final class JailPath implements Path {
  private final JailFileSystem fs;
  private final Path host;

  JailPath(JailFileSystem fs, Path host) {
    this.fs = fs;
    this.host = Objects.requireNonNull(host);
  }

  Path host() {
    return host;
  }

  private JailPath wrap(Path p) {
    return p == null ? null : new JailPath(fs, p);
  }

  private static Path unwrap(Path p) {
    if (p instanceof JailPath) {
      return ((JailPath) p).host;
    }
    throw new java.nio.file.ProviderMismatchException("not a path of this WASI file system: " + p);
  }

  @Override
  public JailFileSystem getFileSystem() {
    return fs;
  }

  @Override
  public boolean isAbsolute() {
    return host.isAbsolute();
  }

  @Override
  public Path getRoot() {
    return wrap(host.getRoot());
  }

  @Override
  public Path getFileName() {
    return wrap(host.getFileName());
  }

  @Override
  public Path getParent() {
    return wrap(host.getParent());
  }

  @Override
  public int getNameCount() {
    return host.getNameCount();
  }

  @Override
  public Path getName(int index) {
    return wrap(host.getName(index));
  }

  @Override
  public Path subpath(int beginIndex, int endIndex) {
    return wrap(host.subpath(beginIndex, endIndex));
  }

  @Override
  public boolean startsWith(Path other) {
    return other instanceof JailPath && host.startsWith(unwrap(other));
  }

  @Override
  public boolean endsWith(Path other) {
    return other instanceof JailPath && host.endsWith(unwrap(other));
  }

  @Override
  public Path normalize() {
    return wrap(host.normalize());
  }

  @Override
  public Path resolve(Path other) {
    return wrap(host.resolve(other instanceof JailPath ? unwrap(other) : host.getFileSystem().getPath(other.toString())));
  }

  @Override
  public Path resolve(String other) {
    return wrap(host.resolve(other));
  }

  @Override
  public Path relativize(Path other) {
    return wrap(host.relativize(unwrap(other)));
  }

  @Override
  public URI toUri() {
    return host.toUri();
  }

  @Override
  public Path toAbsolutePath() {
    return wrap(host.toAbsolutePath());
  }

  @Override
  public Path toRealPath(LinkOption... options) throws IOException {
    fs.confine(this, true);
    return wrap(host.toRealPath(options));
  }

  @Override
  public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
    throw new UnsupportedOperationException("watching is not offered to WASI guests");
  }

  @Override
  public int compareTo(Path other) {
    return host.compareTo(unwrap(other));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JailPath && ((JailPath) o).fs == fs && ((JailPath) o).host.equals(host);
  }

  @Override
  public int hashCode() {
    return host.hashCode();
  }

  @Override
  public String toString() {
    return host.toString();
  }
}
