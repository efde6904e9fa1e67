package dev.wasmlayer.componentmodel.wasi;

import dev.wasmlayer.wasihost.SandboxFailure;
import dev.wasmlayer.wasihost.SandboxFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The Java objects behind {@code wasi:io/streams} resources: standard streams over the config's
 * Java streams, file streams over a {@link SandboxFile} at an offset. All block; none reads ahead.
 */
final class Streams {
  private Streams() {}

  /** An input stream; after a failure or the end it stays closed. */
  abstract static class In {
    private boolean closed;

    /**
     * Reads at most {@code max} bytes (at least one unless {@code max} is 0).
     *
     * @return the bytes, or null once the stream is closed (its end reached)
     */
    final byte[] read(int max) throws IOException, SandboxFailure {
      if (closed) {
        return null;
      }
      byte[] b;
      try {
        b = next(max);
      } catch (IOException | SandboxFailure | RuntimeException e) {
        closed = true;
        throw e;
      }
      if (b == null) {
        closed = true;
      }
      return b;
    }

    /** The next bytes, null at the end. */
    abstract byte[] next(int max) throws IOException, SandboxFailure;
  }

  /** An output stream; after a failure it stays closed. */
  abstract static class Out {
    private boolean closed;

    final boolean isClosed() {
      return closed;
    }

    final void write(byte[] bytes) throws IOException, SandboxFailure {
      run(() -> put(bytes));
    }

    final void flush() throws IOException, SandboxFailure {
      run(this::sync);
    }

    private void run(Op op) throws IOException, SandboxFailure {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      try {
        op.run();
      } catch (IOException | SandboxFailure | RuntimeException e) {
        closed = true;
        throw e;
      }
    }

    abstract void put(byte[] bytes) throws IOException, SandboxFailure;

    void sync() throws IOException, SandboxFailure {}
  }

  @FunctionalInterface
  private interface Op {
    void run() throws IOException, SandboxFailure;
  }

  /** Standard input. */
  static final class JavaIn extends In {
    private final InputStream in;

    JavaIn(InputStream in) {
      this.in = in;
    }

    @Override
    byte[] next(int max) throws IOException {
      if (max == 0) {
        return new byte[0];
      }
      byte[] b = new byte[max];
      int n = in.read(b, 0, max);
      return n < 0 ? null : Arrays.copyOf(b, n);
    }
  }

  /** Standard output or error, flushed after each write so the host sees output as it happens. */
  static final class JavaOut extends Out {
    private final OutputStream out;

    JavaOut(OutputStream out) {
      this.out = out;
    }

    @Override
    void put(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    @Override
    void sync() throws IOException {
      out.flush();
    }
  }

  /** A file read from an offset on. */
  static final class FileIn extends In {
    private final SandboxFile file;
    private long offset;

    FileIn(SandboxFile file, long offset) {
      this.file = file;
      this.offset = offset;
    }

    @Override
    byte[] next(int max) throws SandboxFailure {
      if (offset < 0) {
        return null; // an unsigned offset past 2^63: beyond the end of any file
      }
      byte[] b = file.read(offset, max);
      if (b.length == 0 && max > 0) {
        return null;
      }
      offset += b.length;
      return b;
    }
  }

  /** A file written from an offset on, or appended to. */
  static final class FileOut extends Out {
    private final SandboxFile file;
    private final boolean append;
    private long offset;

    private FileOut(SandboxFile file, long offset, boolean append) {
      this.file = file;
      this.offset = offset;
      this.append = append;
    }

    /** Writes from {@code offset} (unsigned) on. */
    static FileOut at(SandboxFile file, long offset) {
      return new FileOut(file, offset, false);
    }

    /** Writes at the end of the file, wherever it is at each write. */
    static FileOut append(SandboxFile file) {
      return new FileOut(file, 0, true);
    }

    @Override
    void put(byte[] bytes) throws SandboxFailure {
      if (append) {
        file.write(-1, bytes);
      } else if (offset < 0) {
        // an unsigned offset past 2^63: no file grows that far (preview 1's EFBIG)
        throw SandboxFailure.withErrno(ErrorCodes.FBIG, "offset " + Long.toUnsignedString(offset));
      } else {
        offset = file.write(offset, bytes);
      }
    }

    @Override
    void sync() throws SandboxFailure {
      // written through the channel: nothing is buffered here
    }
  }
}
