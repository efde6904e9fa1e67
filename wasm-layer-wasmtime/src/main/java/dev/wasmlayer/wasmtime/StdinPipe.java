package dev.wasmlayer.wasmtime;

import dev.wasmlayer.wasmtime.internal.Posix;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A WASI stdin fed from a Java stream as it produces bytes, not read to its end first: an OS pipe whose read end
 * wasmtime opens by path ({@code wasi_config_set_stdin_file}) and whose write end a daemon thread fills from the
 * stream. The guest sees bytes as soon as the stream gives them and end-of-file when it ends (or fails).
 *
 * <p>Closing never blocks: it closes the write end now, or, while the pump is inside a write to a full pipe, right
 * after that write returns (which it does once the store, and with it the read end, is gone). A pump blocked reading a
 * stream that never ends stays blocked until the stream gives bytes or ends, holding no descriptor; what it reads then
 * is dropped.
 */
final class StdinPipe implements AutoCloseable {
  private final Object lock = new Object();
  private final FileOutputStream sink;
  private int readFd; // guarded by lock
  private boolean writing; // guarded by lock
  private boolean closed; // guarded by lock

  private StdinPipe(FileOutputStream sink, int readFd) {
    this.sink = sink;
    this.readFd = readFd;
  }

  /** Whether this platform streams stdin (else the backend reads the stream to its end up front). */
  static boolean supported() {
    return Posix.pipesByPath();
  }

  /** A new pipe: its write end is ours (as a stream), its read end waits for {@link #readPath()}. */
  static StdinPipe open() {
    int[] fds = Posix.pipe();
    try {
      return new StdinPipe(new FileOutputStream(Posix.path(fds[1])), fds[0]);
    } catch (IOException e) {
      Posix.closeFd(fds[0]);
      throw new UncheckedIOException("opening the WASI stdin pipe", e);
    } finally {
      Posix.closeFd(fds[1]); // the stream holds its own description of the write end
    }
  }

  /** The NUL-terminated path wasmtime opens the read end by. */
  byte[] readPath() {
    return (Posix.path(readFd) + "\0").getBytes(StandardCharsets.UTF_8);
  }

  /** Once wasmtime holds its own description of the read end (or will never open it): ours goes. */
  void releaseReadEnd() {
    synchronized (lock) {
      if (readFd >= 0) {
        Posix.closeFd(readFd);
        readFd = -1;
      }
    }
  }

  /** Starts copying {@code source} into the pipe on a daemon thread. */
  void start(InputStream source) {
    Thread pump = new Thread(() -> pump(source), "wasm-layer-wasi-stdin");
    pump.setDaemon(true);
    pump.start();
  }

  private void pump(InputStream source) {
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = source.read(buf)) >= 0; ) {
        synchronized (lock) {
          if (closed) {
            return;
          }
          writing = true;
        }
        try {
          sink.write(buf, 0, n);
        } finally {
          synchronized (lock) {
            writing = false;
          }
        }
        synchronized (lock) {
          if (closed) {
            return; // closed while writing: the finally below closes the sink
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // the stream failed, or the guest side is gone (EPIPE): either way the guest sees end-of-file
    } finally {
      close();
    }
  }

  /** Ends the guest's stdin and releases the pipe; never blocks. Idempotent. */
  @Override
  public void close() {
    releaseReadEnd();
    synchronized (lock) {
      closed = true;
      if (writing) {
        return; // the pump closes the sink when its write returns (see pump's finally)
      }
    }
    closeSink();
  }

  private void closeSink() {
    try {
      sink.close();
    } catch (IOException ignored) {
      // nothing is left to tell: the guest already sees end-of-file or is gone
    }
  }
}
