package dev.wasmlayer.componentmodel.wasi;

import dev.wasmlayer.component.ComponentImports.HostFunc;
import dev.wasmlayer.component.ComponentImports.HostResource;
import dev.wasmlayer.wasi.Preopen;
import dev.wasmlayer.wasi.WasiConfig;
import dev.wasmlayer.wasihost.SandboxDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * WASI 0.2 for one store, as host functions and host resources of the component API: what a
 * component made by {@code jco new --wasi-command} (the preview 1 adapter inside it) imports from
 * {@code wasi:cli}, {@code wasi:io}, {@code wasi:clocks}, {@code wasi:random} and {@code
 * wasi:filesystem}. Arguments, environment, stdio, clock, random source and preopens come from the
 * store's {@link WasiConfig}, and the file system is preview 1's sandbox, with the same refusals.
 * {@code wasi:sockets} and {@code wasi:http} are not served.
 *
 * <p>Interfaces are named without version ({@code wasi:cli/stdout}): what is served fits every
 * {@code 0.2.x} a component may ask for. Not thread-safe: a store runs one call at a time.
 */
public final class WasiPreview2 implements AutoCloseable {
  private final Map<String, WasiInterface> interfaces;
  private final WasiState state;

  private WasiPreview2(Map<String, WasiInterface> interfaces, WasiState state) {
    this.interfaces = interfaces;
    this.state = state;
  }

  /**
   * {@return WASI 0.2 for a store configured with {@code config}}
   *
   * @param config the program's arguments, environment, stdio, clock, random source and preopens
   * @param stopRequested whether the store wants the running call to stop (a deadline or an
   *     interrupt): waits in {@code poll} and {@code block} end early when it turns true
   * @throws UncheckedIOException if a preopened directory cannot be opened
   */
  public static WasiPreview2 create(WasiConfig config, BooleanSupplier stopRequested) {
    List<SandboxDir> dirs = new ArrayList<>();
    try {
      for (Preopen p : config.preopens()) {
        dirs.add(SandboxDir.preopen(p));
      }
    } catch (IOException e) {
      closeAll(dirs);
      throw new UncheckedIOException(
          "cannot preopen " + config.preopens() + ": " + e.getMessage(), e);
    }
    boolean inherit = config.inheritStdio();
    WasiState s =
        new WasiState(
            config.args(),
            config.env(),
            new Streams.JavaIn(
                config.stdin().orElse(inherit ? System.in : InputStream.nullInputStream())),
            new Streams.JavaOut(
                config.stdout().orElse(inherit ? System.out : OutputStream.nullOutputStream())),
            new Streams.JavaOut(
                config.stderr().orElse(inherit ? System.err : OutputStream.nullOutputStream())),
            new Clocks(config.clock().orElse(null)),
            config.random().orElseGet(SecureRandom::new),
            List.copyOf(dirs),
            stopRequested);
    Registry r = new Registry();
    IoFunctions.register(r, s);
    CliFunctions.register(r, s);
    ClockRandomFunctions.register(r, s);
    FilesystemFunctions.register(r, s);
    return new WasiPreview2(r.build(), s);
  }

  /**
   * {@return what is served for an interface, if it is one of WASI 0.2's served here}
   *
   * @param name the interface, such as {@code wasi:cli/stdout}; a version ({@code @0.2.3}) is
   *     ignored
   */
  public Optional<WasiInterface> forInterface(String name) {
    int at = name.indexOf('@');
    return Optional.ofNullable(interfaces.get(at < 0 ? name : name.substring(0, at)));
  }

  /**
   * {@return a function of an interface, if served (the shape of the component runtime's import
   * provider)}
   *
   * @param iface the interface, with or without its version
   * @param name the function's WIT name, such as {@code [method]output-stream.write}
   */
  public Optional<HostFunc> func(String iface, String name) {
    return forInterface(iface).flatMap(i -> i.function(name));
  }

  /**
   * {@return a resource type an interface defines, if served}
   *
   * @param iface the interface, with or without its version
   * @param name the resource's name in it, such as {@code output-stream}
   */
  public Optional<HostResource> resource(String iface, String name) {
    return forInterface(iface).flatMap(i -> i.resource(name));
  }

  /** {@return the unversioned names of every interface served} */
  public Set<String> interfaces() {
    return interfaces.keySet();
  }

  /** Closes every file and directory the guest still holds, and the preopened directories. */
  @Override
  public void close() {
    state.closeAll();
    closeAll(state.preopens);
  }

  private static void closeAll(List<SandboxDir> dirs) {
    for (SandboxDir d : dirs) {
      try {
        d.close();
      } catch (IOException ignored) {
        // closing the store must not fail over one directory
      }
    }
  }
}
