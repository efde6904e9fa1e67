package dev.wasmlayer.wasihost;

import java.io.IOException;
import java.util.List;

/**
 * An open directory: its handle, the root it lies under and the names from that root (so {@code ..} can be walked
 * again from the root, never through the directory's real parent). A preopen has its guest name.
 */
final class OpenDir extends Descriptor {
  final Root root;
  final DirHandle dir;
  final List<String> names;
  final String preopenName;
  /** The listing {@code fd_readdir} pages through, taken again at cookie 0. */
  List<DirEntry> listing;

  OpenDir(Root root, DirHandle dir, List<String> names, String preopenName) {
    super(Rights.DIRECTORY, Rights.FILE | Rights.DIRECTORY);
    this.root = root;
    this.dir = dir;
    this.names = List.copyOf(names);
    this.preopenName = preopenName;
  }

  @Override
  int fileType() {
    return DIRECTORY;
  }

  @Override
  public void close() throws IOException {
    dir.close();
  }
}
