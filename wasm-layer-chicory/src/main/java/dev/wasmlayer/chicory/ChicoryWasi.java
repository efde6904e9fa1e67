package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import dev.wasmlayer.wasi.Preopen;
import dev.wasmlayer.wasi.WasiConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/** One store's WASI preview 1, on Chicory's own implementation; its functions fill the store's WASI imports. */
final class ChicoryWasi implements AutoCloseable {
  private final WasiPreview1 wasi;
  private final Map<String, HostFunction> functions = new HashMap<>();

  ChicoryWasi(WasiConfig config) {
    WasiOptions.Builder o = WasiOptions.builder()
        .withArguments(config.args())
        .withThrowOnExit0(true); // every proc_exit is an ExitException, as on the other engines
    config.env().forEach(o::withEnvironment);
    config.clock().ifPresent(o::withClock);
    config.random().ifPresent(o::withRandom);
    if (config.inheritStdio()) {
      o.inheritSystem();
    }
    o.withStdin(config.stdin().orElse(config.inheritStdio() ? System.in : InputStream.nullInputStream()));
    o.withStdout(config.stdout().orElse(config.inheritStdio() ? System.out : OutputStream.nullOutputStream()));
    o.withStderr(config.stderr().orElse(config.inheritStdio() ? System.err : OutputStream.nullOutputStream()));
    for (Preopen p : config.preopens()) {
      // Chicory's WASI follows symlinks out of a preopen and cannot refuse writes: it gets a checked view instead
      o.withDirectory(p.guestPath(), JailFileSystem.of(p.hostPath(), p.readOnly()));
    }
    this.wasi = WasiPreview1.builder().withOptions(o.build()).build();
    for (HostFunction f : wasi.toHostFunctions()) {
      functions.put(f.name(), f);
    }
  }

  /** The WASI function {@code name}, or null if Chicory has none by that name. */
  HostFunction function(String name) {
    return functions.get(name);
  }

  @Override
  public void close() {
    wasi.close();
  }
}
