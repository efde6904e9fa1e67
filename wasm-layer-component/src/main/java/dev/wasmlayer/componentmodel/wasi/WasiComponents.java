package dev.wasmlayer.componentmodel.wasi;

import dev.wasmlayer.ExitException;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.WitResult;
import java.util.Optional;

/**
 * Connects {@link WasiPreview2} to a component runtime that knows only {@link ComponentImports}:
 * the WASI 0.2 functions and resources a component imports become host functions and host resources
 * under the component's own (versioned) interface names, and a command's {@code wasi:cli/run} is
 * called as {@code Wasi.run} expects.
 */
public final class WasiComponents {
  private WasiComponents() {}

  /**
   * Calls a command's {@code wasi:cli/run} export.
   *
   * @param command an instance of a WASI 0.2 command
   * @return 0 when {@code run} returns ok, 1 when it returns an error
   * @throws ExitException when the program exits through {@code wasi:cli/exit}
   * @throws LinkException when it exports no {@code wasi:cli/run}
   */
  public static int run(ComponentInstance command) {
    ComponentFunc run = runFunction(command);
    Object result;
    try {
      result = run.call();
    } catch (TrapException t) {
      // wasi:cli/exit throws ExitException from a host function: the trap carries it
      for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
        if (c instanceof ExitException exit) {
          throw exit;
        }
      }
      throw t;
    }
    return result instanceof WitResult r && !r.isOk() ? 1 : 0;
  }

  private static ComponentFunc runFunction(ComponentInstance command) {
    for (String name : command.component().exports()) {
      if (name.equals("wasi:cli/run") || name.startsWith("wasi:cli/run@")) {
        Optional<ComponentFunc> f = command.func(name, "run");
        if (f.isPresent()) {
          return f.get();
        }
      }
    }
    throw new LinkException(
        "not a WASI 0.2 command: it exports no wasi:cli/run (exports: "
            + command.component().exports()
            + ")");
  }
}
