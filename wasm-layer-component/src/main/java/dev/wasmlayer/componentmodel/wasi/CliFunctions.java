package dev.wasmlayer.componentmodel.wasi;

import static dev.wasmlayer.component.WitFuncType.param;
import static dev.wasmlayer.componentmodel.wasi.Wit.STRING;

import dev.wasmlayer.ExitException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.component.WitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code wasi:cli}: environment, exit, the standard streams and the terminal interfaces (no stream
 * here is a terminal).
 */
final class CliFunctions {
  /**
   * Exit statuses 0 to 125 are reported; others trap, as preview 1's {@code proc_exit} here (126+
   * mean other things to a shell).
   */
  static final int MAX_EXIT = 125;

  private CliFunctions() {}

  static void register(Registry r, WasiState s) {
    String env = "wasi:cli/environment";
    r.func(
        env,
        "get-environment",
        Wit.list(Wit.tuple(STRING, STRING)),
        a -> {
          List<List<String>> out = new ArrayList<>();
          s.env.forEach((k, v) -> out.add(List.of(k, v)));
          return out;
        });
    r.func(env, "get-arguments", Wit.list(STRING), a -> s.args);
    r.func(env, "initial-cwd", Wit.option(STRING), a -> Optional.empty());

    String exit = "wasi:cli/exit";
    r.func(
        exit,
        "exit",
        null,
        a -> {
          throw new ExitException(Values.as(WitResult.class, a[0], "status").isOk() ? 0 : 1);
        },
        param("status", Wit.result(null, null)));
    r.func(
        exit,
        "exit-with-code",
        null,
        a -> {
          throw exit(((Number) a[0]).intValue() & 0xFF);
        },
        param("status-code", Wit.U8));

    r.func("wasi:cli/stdin", "get-stdin", Wit.own(s.inputStream), a -> s.stdin);
    r.func("wasi:cli/stdout", "get-stdout", Wit.own(s.outputStream), a -> s.stdout);
    r.func("wasi:cli/stderr", "get-stderr", Wit.own(s.outputStream), a -> s.stderr);

    r.resource("wasi:cli/terminal-input", s.terminalInput);
    r.resource("wasi:cli/terminal-output", s.terminalOutput);
    r.func(
        "wasi:cli/terminal-stdin",
        "get-terminal-stdin",
        Wit.option(Wit.own(s.terminalInput)),
        a -> Optional.empty());
    r.func(
        "wasi:cli/terminal-stdout",
        "get-terminal-stdout",
        Wit.option(Wit.own(s.terminalOutput)),
        a -> Optional.empty());
    r.func(
        "wasi:cli/terminal-stderr",
        "get-terminal-stderr",
        Wit.option(Wit.own(s.terminalOutput)),
        a -> Optional.empty());
  }

  /** The exception that ends the guest with {@code status}. */
  static RuntimeException exit(int status) {
    if (status > MAX_EXIT) {
      return new TrapException(
          TrapKind.HOST, "exit with invalid exit status " + status + " outside of [0..126)", null);
    }
    return new ExitException(status);
  }
}
