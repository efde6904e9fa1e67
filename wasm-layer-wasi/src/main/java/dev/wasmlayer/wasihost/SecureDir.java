package dev.wasmlayer.wasihost;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@link DirHandle} on the JDK's {@link SecureDirectoryStream} (Linux and macOS): an open
 * directory descriptor, with every lookup made relative to it ({@code openat}, {@code fstatat},
 * {@code unlinkat}, {@code renameat}).
 */
final class SecureDir implements DirHandle {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private final SecureDirectoryStream<Path> dir;
  private final Path hostPath;

  private SecureDir(SecureDirectoryStream<Path> dir, Path hostPath) {
    this.dir = dir;
    this.hostPath = hostPath;
  }

  /** The directory at {@code path}, or null where the platform has no secure directory streams. */
  static SecureDir open(Path path) throws IOException {
    DirectoryStream<Path> s = Files.newDirectoryStream(path);
    if (s instanceof SecureDirectoryStream<Path> secure) {
      return new SecureDir(secure, path);
    }
    s.close();
    return null;
  }

  private static Path name(String name) {
    return Path.of(name);
  }

  @Override
  public DirHandle openDir(String name) throws IOException {
    return new SecureDir(
        dir.newDirectoryStream(name(name), NOFOLLOW), hostPath.resolve(name).normalize());
  }

  @Override
  public FileChannel openFile(String name, Set<? extends OpenOption> options) throws IOException {
    return (FileChannel) dir.newByteChannel(name(name), options);
  }

  @Override
  public BasicFileAttributes stat(String name) throws IOException {
    return dir.getFileAttributeView(name(name), BasicFileAttributeView.class, NOFOLLOW)
        .readAttributes();
  }

  @Override
  public BasicFileAttributes statSelf() throws IOException {
    return dir.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
  }

  @Override
  public void setTimes(String name, FileTime modified, FileTime accessed) throws IOException {
    dir.getFileAttributeView(name(name), BasicFileAttributeView.class, NOFOLLOW)
        .setTimes(modified, accessed, null);
  }

  @Override
  public void setTimesSelf(FileTime modified, FileTime accessed) throws IOException {
    dir.getFileAttributeView(BasicFileAttributeView.class).setTimes(modified, accessed, null);
  }

  @Override
  public void deleteFile(String name) throws IOException {
    dir.deleteFile(name(name));
  }

  @Override
  public void deleteDirectory(String name) throws IOException {
    dir.deleteDirectory(name(name));
  }

  @Override
  public void move(String name, DirHandle target, String targetName) throws IOException {
    dir.move(name(name), ((SecureDir) target).dir, name(targetName));
  }

  @Override
  public List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    // a stream iterates once: list through a fresh descriptor of this same directory
    try (SecureDirectoryStream<Path> again = dir.newDirectoryStream(name("."), NOFOLLOW)) {
      for (Path p : again) {
        names.add(p.getFileName().toString());
      }
    }
    return names;
  }

  @Override
  public Path hostPath() {
    return hostPath;
  }

  @Override
  public void close() throws IOException {
    dir.close();
  }
}
