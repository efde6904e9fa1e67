package dev.wasmlayer.wasihost;

import java.io.IOException;
import java.util.List;

/**
 * An open directory: its handle and the preopen it lies under. Paths relative to it never go above
 * it. A preopen has its guest name.
 */
final class OpenDir extends Descriptor {
  final Root root;
  final DirHandle dir;
  final String preopenName;

  /** The listing {@code fd_readdir} pages through, taken again at cookie 0. */
  List<DirEntry> listing;

  OpenDir(Root root, DirHandle dir, String preopenName) {
    super(Rights.DIRECTORY, Rights.FILE | Rights.DIRECTORY);
    this.root = root;
    this.dir = dir;
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
