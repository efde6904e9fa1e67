package dev.wasmlayer.wasihost;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@link DirHandle} for platforms without secure directory streams (Windows): names are
 * resolved by path, so a symlink anywhere inside a preopen is refused rather than followed ({@link
 * #secure()} is false).
 */
final class PathDir implements DirHandle {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private final Path path;

  PathDir(Path path) {
    this.path = path;
  }

  @Override
  public boolean secure() {
    return false;
  }

  private Path child(String name) throws IOException {
    if (name.equals(".")) {
      return path;
    }
    // one entry of this directory: on Windows '\\' separates and 'C:' roots, and '..' must never
    // reach the parent
    Path p = path.resolve(name);
    if (name.equals("..")
        || !path.equals(p.getParent())
        || !name.equals(p.getFileName().toString())) {
      throw new FileSystemException(name, null, "not a name in this directory");
    }
    return p;
  }

  @Override
  public DirHandle openDir(String name) throws IOException {
    Path p = child(name);
    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
    if (a.isSymbolicLink()) {
      throw new FileSystemException(p.toString(), null, "symlinks are refused on this platform");
    }
    if (!a.isDirectory()) {
      throw new NotDirectoryException(p.toString());
    }
    return new PathDir(p);
  }

  @Override
  public FileChannel openFile(String name, Set<? extends OpenOption> options) throws IOException {
    return FileChannel.open(child(name), options);
  }

  @Override
  public BasicFileAttributes stat(String name) throws IOException {
    return Files.readAttributes(child(name), BasicFileAttributes.class, NOFOLLOW);
  }

  @Override
  public BasicFileAttributes statSelf() throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
  }

  @Override
  public void setTimes(String name, FileTime modified, FileTime accessed) throws IOException {
    Files.getFileAttributeView(child(name), BasicFileAttributeView.class, NOFOLLOW)
        .setTimes(modified, accessed, null);
  }

  @Override
  public void setTimesSelf(FileTime modified, FileTime accessed) throws IOException {
    Files.getFileAttributeView(path, BasicFileAttributeView.class, NOFOLLOW)
        .setTimes(modified, accessed, null);
  }

  @Override
  public void deleteFile(String name) throws IOException {
    if (stat(name).isDirectory()) {
      throw new FileSystemException(child(name).toString(), null, "Is a directory");
    }
    Files.delete(child(name));
  }

  @Override
  public void deleteDirectory(String name) throws IOException {
    if (!stat(name).isDirectory()) {
      throw new NotDirectoryException(child(name).toString());
    }
    Files.delete(child(name));
  }

  @Override
  public void move(String name, DirHandle target, String targetName) throws IOException {
    Files.move(
        child(name), ((PathDir) target).child(targetName), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(path)) {
      s.forEach(p -> names.add(p.getFileName().toString()));
    }
    return names;
  }

  @Override
  public Path hostPath() {
    return path;
  }

  @Override
  public void close() {}
}
