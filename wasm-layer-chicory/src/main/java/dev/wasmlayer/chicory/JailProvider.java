package dev.wasmlayer.chicory;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** The operations of a {@link JailFileSystem}: each checks its paths, then runs on the host file system. */
final class JailProvider extends FileSystemProvider {
  private static final Set<OpenOption> WRITES = Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND,
      StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW, StandardOpenOption.TRUNCATE_EXISTING,
      StandardOpenOption.DELETE_ON_CLOSE);

  private final JailFileSystem fs;

  JailProvider(JailFileSystem fs) {
    this.fs = fs;
  }

  private JailPath jailed(Path p) {
    if (p instanceof JailPath && ((JailPath) p).getFileSystem() == fs) {
      return (JailPath) p;
    }
    throw new ProviderMismatchException("not a path of this WASI file system: " + p);
  }

  /** The host path behind {@code p}, after the jail's checks. */
  private Path checked(Path p, boolean followLast) throws IOException {
    JailPath j = jailed(p);
    fs.confine(j, followLast);
    return j.host();
  }

  /**
   * Like {@link #checked}, but also lets the preopen's own {@code ..} entry be described: Chicory lists {@code .} and
   * {@code ..} in every directory and stats each (the guest gets type and times of the parent, not its contents).
   */
  private Path describable(Path p, boolean followLast) throws IOException {
    JailPath j = jailed(p);
    Path h = j.host();
    if (h.getFileName() != null && h.getFileName().toString().equals("..") && h.getParent() != null
        && fs.isRoot(h.getParent())) {
      return h;
    }
    return checked(p, followLast);
  }

  private Path writable(Path p, boolean followLast) throws IOException {
    fs.checkWritable(jailed(p));
    return checked(p, followLast);
  }

  private static boolean follows(Object[] options) {
    return !Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS);
  }

  private Path forOpen(Path p, Set<? extends OpenOption> options) throws IOException {
    boolean follow = !options.contains(LinkOption.NOFOLLOW_LINKS);
    for (OpenOption o : options) {
      if (WRITES.contains(o)) {
        return writable(p, follow);
      }
    }
    return checked(p, follow);
  }

  @Override
  public String getScheme() {
    return "wasm-layer-wasi";
  }

  @Override
  public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileSystem getFileSystem(URI uri) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Path getPath(URI uri) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    Path h = forOpen(path, options);
    return h.getFileSystem().provider().newByteChannel(h, options, attrs);
  }

  @Override
  public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    Path h = forOpen(path, options);
    return h.getFileSystem().provider().newFileChannel(h, options, attrs);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
      throws IOException {
    Path h = checked(dir, true);
    DirectoryStream<Path> inner = h.getFileSystem().provider().newDirectoryStream(h, e -> filter.accept(fs.wrap(e)));
    return new DirectoryStream<>() {
      @Override
      public Iterator<Path> iterator() {
        Iterator<Path> it = inner.iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public Path next() {
            return fs.wrap(it.next());
          }
        };
      }

      @Override
      public void close() throws IOException {
        inner.close();
      }
    };
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    Path h = writable(dir, false);
    h.getFileSystem().provider().createDirectory(h, attrs);
  }

  @Override
  public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
    Path h = writable(link, false);
    Path t = target instanceof JailPath ? ((JailPath) target).host() : h.getFileSystem().getPath(target.toString());
    h.getFileSystem().provider().createSymbolicLink(h, t, attrs); // following it later is checked
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    Path h = writable(link, false);
    Path e = checked(existing, false);
    h.getFileSystem().provider().createLink(h, e);
  }

  @Override
  public Path readSymbolicLink(Path link) throws IOException {
    Path h = checked(link, false);
    return fs.wrap(h.getFileSystem().provider().readSymbolicLink(h));
  }

  @Override
  public void delete(Path path) throws IOException {
    Path h = writable(path, false);
    h.getFileSystem().provider().delete(h);
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) throws IOException {
    Path s = checked(source, follows(options));
    Path t = writable(target, false);
    s.getFileSystem().provider().copy(s, t, options);
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) throws IOException {
    Path s = writable(source, false);
    Path t = writable(target, false);
    s.getFileSystem().provider().move(s, t, options);
  }

  @Override
  public boolean isSameFile(Path path, Path path2) throws IOException {
    Path a = checked(path, true);
    Path b = checked(path2, true);
    return a.getFileSystem().provider().isSameFile(a, b);
  }

  @Override
  public boolean isHidden(Path path) throws IOException {
    Path h = checked(path, true);
    return h.getFileSystem().provider().isHidden(h);
  }

  @Override
  public FileStore getFileStore(Path path) throws IOException {
    Path h = checked(path, true);
    return h.getFileSystem().provider().getFileStore(h);
  }

  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    Path h = Arrays.asList(modes).contains(AccessMode.WRITE) ? writable(path, true) : checked(path, true);
    h.getFileSystem().provider().checkAccess(h, modes);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
    Path h = jailed(path).host();
    V view = h.getFileSystem().provider().getFileAttributeView(h, type, options);
    if (view == null || type != BasicFileAttributeView.class) {
      return view;
    }
    BasicFileAttributeView basic = (BasicFileAttributeView) view;
    JailPath j = jailed(path);
    boolean follow = follows(options);
    return (V) new BasicFileAttributeView() { // checks happen when used: this method cannot throw IOException
      @Override
      public String name() {
        return basic.name();
      }

      @Override
      public BasicFileAttributes readAttributes() throws IOException {
        fs.confine(j, follow);
        return basic.readAttributes();
      }

      @Override
      public void setTimes(FileTime lastModified, FileTime lastAccess, FileTime create) throws IOException {
        fs.checkWritable(j);
        fs.confine(j, follow);
        basic.setTimes(lastModified, lastAccess, create);
      }
    };
  }

  @Override
  public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
      throws IOException {
    try {
      Path h = describable(path, follows(options));
      return h.getFileSystem().provider().readAttributes(h, type, options);
    } catch (java.nio.file.AccessDeniedException outside) {
      Path h = linkItself(path, options, outside);
      return h.getFileSystem().provider().readAttributes(h, type, LinkOption.NOFOLLOW_LINKS);
    }
  }

  /**
   * A symlink inside the directory whose target is outside is still listed (as a link, like lstat); only following it
   * is refused. Rethrows {@code outside} for anything else.
   */
  private Path linkItself(Path path, LinkOption[] options, java.nio.file.AccessDeniedException outside)
      throws IOException {
    if (!follows(options)) {
      throw outside;
    }
    return checked(path, false);
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
    try {
      Path h = describable(path, follows(options));
      return h.getFileSystem().provider().readAttributes(h, attributes, options);
    } catch (java.nio.file.AccessDeniedException outside) {
      Path h = linkItself(path, options, outside);
      return h.getFileSystem().provider().readAttributes(h, attributes, LinkOption.NOFOLLOW_LINKS);
    }
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
    Path h = writable(path, follows(options));
    h.getFileSystem().provider().setAttribute(h, attribute, value, options);
  }
}
