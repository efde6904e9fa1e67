package dev.wasmlayer.wasihost;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * An open regular file: its channel, opened without following a symlink; the directory handle and
 * name it was opened by (for its attributes, which a channel cannot give) and the identity it had
 * then.
 */
final class OpenFile extends Descriptor {
  static final int APPEND = 1;

  final FileChannel channel;
  final boolean readable;
  final boolean writable;
  final Root root;
  final DirHandle parent;
  final String name;
  final Object fileKey;
  boolean append;

  OpenFile(
      FileChannel channel,
      boolean readable,
      boolean writable,
      boolean append,
      Root root,
      DirHandle parent,
      String name,
      Object fileKey,
      long rights) {
    super(rights, 0);
    this.channel = channel;
    this.readable = readable;
    this.writable = writable;
    this.append = append;
    this.root = root;
    this.parent = parent;
    this.name = name;
    this.fileKey = fileKey;
  }

  @Override
  int fileType() {
    return REGULAR_FILE;
  }

  @Override
  int fdFlags() {
    return append ? APPEND : 0;
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      parent.close();
    }
  }
}
