package dev.wasmlayer.wasmtime.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The libc calls a streaming WASI stdin needs: an OS pipe whose ends Java and wasmtime open by their
 * {@code /proc/self/fd} paths. Linux only ({@link #pipesByPath()}); bound on first use, by JNA direct mapping.
 */
public final class Posix {
  /** {@code O_CLOEXEC} on Linux (x86-64, aarch64): a child process never inherits the pipe. */
  private static final int O_CLOEXEC = 02000000;

  private Posix() {}

  /** Binds on first use only: an application that never streams stdin never loads libc through JNA. */
  private static final class Bound {
    static {
      Native.register(Posix.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    static void init() {}
  }

  private static native int pipe2(int[] fds, int flags);

  private static native int close(int fd);

  /** Whether a pipe's ends can be opened by path here ({@code /proc/self/fd/N}, Linux). */
  public static boolean pipesByPath() {
    return Platform.isLinux() && Files.isDirectory(Path.of("/proc/self/fd"));
  }

  /** A new pipe, close-on-exec: {@code [read end, write end]}. The caller closes both with {@link #closeFd}. */
  public static int[] pipe() {
    Bound.init();
    int[] fds = new int[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
      throw new UncheckedIOException(new IOException("pipe2() failed (out of file descriptors?)"));
    }
    return fds;
  }

  /** The path that opens {@code fd} anew (a pipe end opens as a new description of the same pipe). */
  public static String path(int fd) {
    return "/proc/self/fd/" + fd;
  }

  /** Closes a descriptor from {@link #pipe()}. */
  public static void closeFd(int fd) {
    Bound.init();
    close(fd);
  }
}
