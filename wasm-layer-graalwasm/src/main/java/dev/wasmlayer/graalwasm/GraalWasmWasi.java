package dev.wasmlayer.graalwasm;

import dev.wasmlayer.internal.PathJail;
import dev.wasmlayer.wasi.Preopen;
import dev.wasmlayer.wasi.WasiConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.StringJoiner;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.io.IOAccess;

/**
 * WASI preview 1 on GraalWasm's builtin {@code wasi_snapshot_preview1}, which is configured per Context: arguments,
 * environment and stdio are the Context's, preopens are {@code wasm.WasiMapDirs}, and file access goes through a
 * {@link WasiFileSystem} that enforces the sandbox.
 */
final class GraalWasmWasi {
  private GraalWasmWasi() {}

  static void configure(Context.Builder b, WasiConfig c) {
    b.option("wasm.Builtins", "wasi_snapshot_preview1");
    b.arguments("wasm", c.args().toArray(new String[0]));
    c.env().forEach(b::environment);
    b.in(c.stdin().orElse(c.inheritStdio() ? System.in : InputStream.nullInputStream()));
    b.out(c.stdout().orElse(c.inheritStdio() ? System.out : OutputStream.nullOutputStream()));
    b.err(c.stderr().orElse(c.inheritStdio() ? System.err : OutputStream.nullOutputStream()));
    if (c.preopens().isEmpty()) {
      return;
    }
    StringJoiner dirs = new StringJoiner(",");
    for (Preopen p : c.preopens()) {
      String host = p.hostPath().toAbsolutePath().normalize().toString();
      if (host.contains(",") || host.contains("::") || p.guestPath().contains(",") || p.guestPath().contains("::")) {
        throw new IllegalArgumentException("GraalWasm's WASI cannot preopen a path containing ',' or '::': "
            + p.hostPath() + " as " + p.guestPath());
      }
      dirs.add(p.guestPath() + "::" + host);
    }
    b.option("wasm.WasiMapDirs", dirs.toString());
    try {
      b.allowIO(IOAccess.newBuilder().fileSystem(new WasiFileSystem(new PathJail(c.preopens()))).build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot preopen " + c.preopens() + ": " + e.getMessage(), e);
    }
  }
}
