package dev.wasmlayer.componentmodel.wasi;

import dev.wasmlayer.ExitException;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.WitResult;
import java.util.Optional;

/**
 * A WASI 0.2 command's {@code wasi:cli/run}, called the way {@code Wasi.run} reports it, for any
 * component runtime: 0 for ok, 1 for an error, and {@code wasi:cli/exit} as an {@link
 * ExitException} even when a trap carries it.
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
