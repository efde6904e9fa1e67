package dev.wasmlayer.wasihost;

import java.io.IOException;
import java.util.Arrays;

/**
 * A store's file descriptors: the lowest free number is taken, and at most {@link #MAX} are open at
 * once.
 */
final class FdTable {
  /**
   * Open descriptors per store, standard streams and preopens included: a guest cannot exhaust the
   * host's.
   */
  static final int MAX = 1024;

  private Descriptor[] fds = new Descriptor[16];

  Descriptor get(long fd) throws WasiError {
    if (fd < 0 || fd >= fds.length || fds[(int) fd] == null) {
      throw new WasiError(Errno.BADF, "no descriptor " + fd);
    }
    return fds[(int) fd];
  }

  <D extends Descriptor> D get(long fd, Class<D> kind, int errno) throws WasiError {
    Descriptor d = get(fd);
    if (!kind.isInstance(d)) {
      throw new WasiError(errno, "descriptor " + fd + " is not a " + kind.getSimpleName());
    }
    return kind.cast(d);
  }

  int add(Descriptor d) throws WasiError {
    for (int i = 0; i < fds.length; i++) {
      if (fds[i] == null) {
        fds[i] = d;
        return i;
      }
    }
    if (fds.length >= MAX) {
      throw new WasiError(Errno.MFILE, MAX + " descriptors open");
    }
    int i = fds.length;
    fds = Arrays.copyOf(fds, Math.min(MAX, fds.length * 2));
    fds[i] = d;
    return i;
  }

  /** Removes {@code fd} and returns what it was. */
  Descriptor remove(long fd) throws WasiError {
    Descriptor d = get(fd);
    fds[(int) fd] = null;
    return d;
  }

  /** Moves {@code from} onto {@code to}, closing what {@code to} was. */
  void renumber(long from, long to) throws WasiError, IOException {
    Descriptor d = get(from);
    Descriptor old = get(to);
    if (from == to) {
      return;
    }
    fds[(int) to] = d;
    fds[(int) from] = null;
    old.close();
  }

  /** Closes every descriptor (the store is closing). */
  void closeAll() {
    for (int i = 0; i < fds.length; i++) {
      if (fds[i] != null) {
        try {
          fds[i].close();
        } catch (IOException | RuntimeException ignored) {
          // closing the store must not fail over one descriptor
        }
        fds[i] = null;
      }
    }
  }
}
