package dev.wasmlayer.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@code run}: {@code [--engine ID] [--dir HOST::GUEST[:ro]]... [--env K=V]...
 * [--invoke NAME] module.wasm [args...]}. Everything after the module path belongs to the program.
 */
final class RunOptions {
  /** A preopened directory from {@code --dir}. */
  record Dir(Path host, String guest, boolean readOnly) {}

  /** A command line that does not parse; the message says what is wrong. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static final String USAGE =
      "usage: run [--engine ID] [--dir HOST::GUEST[:ro]]... [--env K=V]... [--invoke NAME] "
          + "module.wasm [args...]";

  String engine;
  final List<Dir> dirs = new ArrayList<>();
  final Map<String, String> env = new LinkedHashMap<>();
  String invoke;
  Path module;
  final List<String> args = new ArrayList<>();

  static RunOptions parse(String[] argv) throws UsageException {
    RunOptions o = new RunOptions();
    int i = 0;
    while (i < argv.length && argv[i].startsWith("--")) {
      String flag = argv[i];
      if (flag.equals("--")) {
        i++;
        break;
      }
      if (i + 1 >= argv.length) {
        throw new UsageException(flag + " needs a value");
      }
      String value = argv[i + 1];
      switch (flag) {
        case "--engine" -> o.engine = value;
        case "--dir" -> o.dirs.add(dir(value));
        case "--env" -> {
          int eq = value.indexOf('=');
          if (eq <= 0) {
            throw new UsageException("--env takes K=V, got '" + value + "'");
          }
          o.env.put(value.substring(0, eq), value.substring(eq + 1));
        }
        case "--invoke" -> o.invoke = value;
        default -> throw new UsageException("unknown option " + flag);
      }
      i += 2;
    }
    if (i >= argv.length) {
      throw new UsageException("no module given");
    }
    o.module = Path.of(argv[i]);
    for (int k = i + 1; k < argv.length; k++) {
      o.args.add(argv[k]);
    }
    return o;
  }

  private static Dir dir(String spec) throws UsageException {
    boolean readOnly = spec.endsWith(":ro");
    String s = readOnly ? spec.substring(0, spec.length() - 3) : spec;
    int sep = s.indexOf("::");
    if (sep <= 0 || sep + 2 >= s.length()) {
      throw new UsageException("--dir takes HOST::GUEST or HOST::GUEST:ro, got '" + spec + "'");
    }
    return new Dir(Path.of(s.substring(0, sep)), s.substring(sep + 2), readOnly);
  }
}
