package dev.wasmlayer.wasi;

import dev.wasmlayer.Component;
import dev.wasmlayer.ExitException;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Func;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.spi.ComponentCommands;
import java.util.Objects;

/**
 * Running WASI programs in a store made with {@link
 * dev.wasmlayer.StoreConfig.Builder#wasi(WasiConfig)}: the store supplies every {@code
 * wasi_snapshot_preview1} import the given {@link Imports} do not define.
 */
public final class Wasi {
  /** The WASI preview 1 import module name. */
  public static final String MODULE = "wasi_snapshot_preview1";

  private Wasi() {}

  /**
   * Runs a command (its {@code _start}); see {@link #run(Store, Module, Imports)}.
   *
   * @param store a store created with {@link dev.wasmlayer.StoreConfig.Builder#wasi WASI}
   * @param module the program
   * @return the program's exit status
   */
  public static int run(Store<?> store, Module module) {
    return run(store, module, Imports.empty());
  }

  /**
   * Instantiates a command and runs its {@code _start}.
   *
   * @param store a store created with {@link dev.wasmlayer.StoreConfig.Builder#wasi WASI}
   * @param module the program
   * @param imports imports besides WASI's
   * @return the exit status: the value passed to {@code proc_exit}, or 0 when {@code _start}
   *     returns
   * @throws LinkException if the module exports no {@code _start} function
   * @throws dev.wasmlayer.TrapException if the program traps
   */
  public static int run(Store<?> store, Module module, Imports imports) {
    Objects.requireNonNull(store, "store");
    try {
      Instance instance = store.instantiate(module, imports);
      Func start =
          instance
              .func("_start")
              .orElseThrow(
                  () ->
                      new LinkException(
                          "not a WASI command: the module exports no _start function"));
      start.call();
      return 0;
    } catch (ExitException exit) {
      return exit.exitCode();
    }
  }

  /**
   * Runs a WASI 0.2 command component: instantiates it in {@code store}, whose {@link WasiConfig}
   * (arguments, environment, stdout and stderr, preopened directories with the same sandbox as
   * preview 1) serves its {@code wasi:*} imports, and calls its {@code wasi:cli/run} export.
   *
   * @param store a store created with {@link dev.wasmlayer.StoreConfig.Builder#wasi WASI}
   * @param command the component
   * @return the exit status: 0 when {@code run} returns ok, 1 when it returns an error, or the
   *     value passed to {@code wasi:cli/exit}
   * @throws LinkException if it imports what WASI 0.2 does not provide, or exports no {@code
   *     wasi:cli/run}
   * @throws dev.wasmlayer.TrapException if it traps
   * @throws dev.wasmlayer.UnsupportedFeatureException for {@link dev.wasmlayer.Feature#COMPONENTS}
   *     if the engine has no component model, or {@link dev.wasmlayer.Feature#WASI_COMPONENTS} if
   *     it has one without WASI 0.2
   */
  public static int run(Store<?> store, Component command) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(command, "command");
    if (!store.engine().supports(Feature.COMPONENTS)) {
      throw new UnsupportedFeatureException(
          Feature.COMPONENTS, store.engine().id(), "running a component");
    }
    if (!(store instanceof ComponentCommands runner)
        || !store.engine().supports(Feature.WASI_COMPONENTS)) {
      throw new UnsupportedFeatureException(
          Feature.WASI_COMPONENTS, store.engine().id(), "running a WASI 0.2 command");
    }
    try {
      return runner.runCommand(command);
    } catch (ExitException exit) {
      return exit.exitCode();
    }
  }

  /**
   * Instantiates a reactor and runs its {@code _initialize} if it exports one; the instance's other
   * exports can then be called.
   *
   * @param store a store created with {@link dev.wasmlayer.StoreConfig.Builder#wasi WASI}
   * @param module the program
   * @param imports imports besides WASI's
   * @return the instance
   */
  public static Instance initialize(Store<?> store, Module module, Imports imports) {
    Instance instance = store.instantiate(module, imports);
    instance.func("_initialize").ifPresent(Func::call);
    return instance;
  }
}
