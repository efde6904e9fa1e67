package dev.wasmlayer.wasihost;

import dev.wasmlayer.Imports;
import dev.wasmlayer.wasi.Preopen;
import dev.wasmlayer.wasi.WasiConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * WASI preview 1 for one store, written once on the wasm-layer API: its functions are ordinary host
 * functions, so any engine links them like a user's imports. Preopened directories are held open
 * and every guest path is walked from them one component at a time ({@link Resolver}); read-only
 * preopens refuse every change; every guest pointer and length is checked against the guest's
 * memory before the host allocates or copies anything; every failure is an error number, never a
 * trap ({@code proc_exit} aside).
 *
 * <p>Not thread-safe: a store runs one call at a time, which is what this relies on.
 */
public final class JavaWasi implements AutoCloseable {
  private final WasiContext cx;
  private final Imports imports;
  private final List<DirHandle> roots;

  private JavaWasi(WasiContext cx, Imports imports, List<DirHandle> roots) {
    this.cx = cx;
    this.imports = imports;
    this.roots = roots;
  }

  /**
   * {@return WASI for a store configured with {@code config}}
   *
   * @param stopRequested whether the store wants the running call to stop (a deadline or an
   *     interrupt): waits in {@code poll_oneoff} end early when it turns true. Called on the
   *     store's own thread only.
   * @param config the program's arguments, environment, stdio and preopens
   * @throws UncheckedIOException if a preopened directory cannot be opened
   */
  public static JavaWasi create(WasiConfig config, BooleanSupplier stopRequested) {
    List<String> env = new ArrayList<>();
    config.env().forEach((k, v) -> env.add(k + "=" + v));
    WasiContext cx =
        new WasiContext(
            config.args(),
            env,
            config.clock().orElse(null),
            config.random().orElse(null),
            stopRequested);
    List<DirHandle> roots = new ArrayList<>();
    try {
      cx.fds.add(
          new StreamIn(
              config
                  .stdin()
                  .orElse(config.inheritStdio() ? System.in : InputStream.nullInputStream())));
      cx.fds.add(
          new StreamOut(
              config
                  .stdout()
                  .orElse(config.inheritStdio() ? System.out : OutputStream.nullOutputStream())));
      cx.fds.add(
          new StreamOut(
              config
                  .stderr()
                  .orElse(config.inheritStdio() ? System.err : OutputStream.nullOutputStream())));
      for (Preopen p : config.preopens()) {
        OpenDir dir = preopen(p);
        roots.add(dir.root.handle());
        cx.fds.add(dir);
      }
    } catch (WasiError | IOException e) {
      cx.fds.closeAll();
      closeAll(roots);
      throw new UncheckedIOException(
          "cannot preopen " + config.preopens() + ": " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e.getMessage()));
    }
    Calls calls = new Calls();
    ProcessCalls.register(calls, cx);
    FdCalls.register(calls, cx);
    PathCalls.register(calls, cx);
    return new JavaWasi(cx, calls.build(), roots);
  }

  static OpenDir preopen(Preopen p) throws IOException {
    Path real = p.hostPath().toRealPath();
    DirHandle handle = SecureDir.open(real);
    if (handle == null) {
      handle = new PathDir(real); // no descriptor-relative calls here: symlinks inside are refused
    }
    Root root = new Root(p.guestPath(), p.readOnly(), handle);
    try {
      return new OpenDir(root, handle.openDir("."), p.guestPath());
    } catch (IOException e) {
      handle.close();
      throw e;
    }
  }

  /**
   * {@return the {@code wasi_snapshot_preview1} functions, to link where the user's imports define
   * none}
   */
  public Imports imports() {
    return imports;
  }

  /** The store's WASI state (for tests in this package). */
  WasiContext context() {
    return cx;
  }

  /** Closes every open file and directory. */
  @Override
  public void close() {
    cx.fds.closeAll();
    closeAll(roots);
  }

  private static void closeAll(List<DirHandle> handles) {
    for (DirHandle h : handles) {
      try {
        h.close();
      } catch (IOException ignored) {
        // closing the store must not fail over one directory
      }
    }
  }
}
