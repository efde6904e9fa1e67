package dev.wasmlayer.graalwasm;

import dev.wasmlayer.internal.PathJail;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The file system a store's Context sees when WASI preopens directories: the host's, with {@link PathJail}'s rule on
 * every operation (inside a preopen after symlinks; read-only preopens refuse changes). GraalWasm's WASI maps
 * directories but neither confines symlinks nor knows read-only.
 */
final class WasiFileSystem implements FileSystem {
  private static final Set<OpenOption> WRITES = Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND,
      StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW, StandardOpenOption.TRUNCATE_EXISTING,
      StandardOpenOption.DELETE_ON_CLOSE);

  private final FileSystem host = FileSystem.newDefaultFileSystem();
  private final PathJail jail;

  WasiFileSystem(PathJail jail) {
    this.jail = jail;
  }

  private static boolean follows(LinkOption... options) {
    return !Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public Path parsePath(URI uri) {
    return host.parsePath(uri);
  }

  @Override
  public Path parsePath(String path) {
    return host.parsePath(path);
  }

  @Override
  public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... options) throws IOException {
    if (modes.contains(AccessMode.WRITE)) {
      jail.confineWritable(path, follows(options));
    } else {
      jail.confine(path, follows(options));
    }
    host.checkAccess(path, modes, options);
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    jail.confineWritable(dir, false);
    host.createDirectory(dir, attrs);
  }

  @Override
  public void delete(Path path) throws IOException {
    jail.confineWritable(path, false);
    host.delete(path);
  }

  @Override
  public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    boolean follow = !options.contains(LinkOption.NOFOLLOW_LINKS);
    if (jail.isReadOnly(path) && options.contains(StandardOpenOption.WRITE)
        && options.stream().noneMatch(o -> o != StandardOpenOption.WRITE && WRITES.contains(o))) {
      // GraalWasm opens for writing whenever the guest's rights allow it, even for fopen(..., "r"): in a read-only
      // preopen such a file is opened for reading, and a write through it fails
      Set<OpenOption> read = new java.util.HashSet<>(options);
      read.remove(StandardOpenOption.WRITE);
      read.add(StandardOpenOption.READ);
      jail.confine(path, follow);
      return host.newByteChannel(path, read, attrs);
    }
    if (options.stream().anyMatch(WRITES::contains)) {
      jail.confineWritable(path, follow);
    } else {
      jail.confine(path, follow);
    }
    return host.newByteChannel(path, options, attrs);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
      throws IOException {
    jail.confine(dir, true);
    return host.newDirectoryStream(dir, filter);
  }

  @Override
  public Path toAbsolutePath(Path path) {
    return host.toAbsolutePath(path);
  }

  @Override
  public Path toRealPath(Path path, LinkOption... options) throws IOException {
    jail.confine(path, follows(options));
    return host.toRealPath(path, options);
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
    if (jail.isRoot(path.getParent() == null ? path : path.getParent()) && path.getFileName() != null
        && path.getFileName().toString().equals("..")) {
      return host.readAttributes(path, attributes, options); // a preopen's own ".." entry: type and times only
    }
    try {
      jail.confine(path, follows(options));
      return host.readAttributes(path, attributes, options);
    } catch (java.nio.file.AccessDeniedException outside) {
      if (!follows(options)) {
        throw outside;
      }
      jail.confine(path, false); // a link inside pointing out is described as a link, never followed
      return host.readAttributes(path, attributes, LinkOption.NOFOLLOW_LINKS);
    }
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
    jail.confineWritable(path, follows(options));
    host.setAttribute(path, attribute, value, options);
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) throws IOException {
    jail.confine(source, true);
    jail.confineWritable(target, false);
    host.copy(source, target, options);
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) throws IOException {
    jail.confineWritable(source, false);
    jail.confineWritable(target, false);
    host.move(source, target, options);
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    jail.confineWritable(link, false);
    jail.confine(existing, false);
    host.createLink(link, existing);
  }

  @Override
  public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
    jail.confineWritable(link, false); // following it later is checked
    host.createSymbolicLink(link, target, attrs);
  }

  @Override
  public Path readSymbolicLink(Path link) throws IOException {
    jail.confine(link, false);
    return host.readSymbolicLink(link);
  }

  @Override
  public boolean isSameFile(Path path1, Path path2, LinkOption... options) throws IOException {
    jail.confine(path1, follows(options));
    jail.confine(path2, follows(options));
    return host.isSameFile(path1, path2, options);
  }
}
