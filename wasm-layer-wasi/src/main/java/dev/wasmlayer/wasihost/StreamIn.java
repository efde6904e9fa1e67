package dev.wasmlayer.wasihost;

import java.io.IOException;
import java.io.InputStream;

/** Standard input: a Java stream, read only when the guest reads (never ahead). */
final class StreamIn extends Descriptor {
  final InputStream in;

  StreamIn(InputStream in) {
    super(Rights.STREAM & ~Rights.FD_WRITE, 0);
    this.in = in;
  }

  @Override
  int fileType() {
    return UNKNOWN;
  }

  @Override
  public void close() throws IOException {
    // the stream belongs to whoever configured it
  }
}
