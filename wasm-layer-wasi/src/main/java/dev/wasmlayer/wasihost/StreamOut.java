package dev.wasmlayer.wasihost;

import java.io.OutputStream;

/**
 * Standard output or error: a Java stream, flushed after each write so the host sees output as it
 * happens.
 */
final class StreamOut extends Descriptor {
  final OutputStream out;

  StreamOut(OutputStream out) {
    super(Rights.STREAM & ~Rights.FD_READ, 0);
    this.out = out;
  }

  @Override
  int fileType() {
    return UNKNOWN;
  }

  @Override
  public void close() {
    // the stream belongs to whoever configured it
  }
}
