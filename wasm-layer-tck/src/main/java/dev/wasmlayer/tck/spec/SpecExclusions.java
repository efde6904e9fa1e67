package dev.wasmlayer.tck.spec;

import dev.wasmlayer.tck.support.ListFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An engine's listed spec-suite failures, from {@value #RESOURCE} on its test class path: {@code
 * file.wast | reason} for a whole script, {@code file.wast:FROM-TO | reason} for the commands on
 * those lines, {@code file.wast:LINE | reason} for one command, each optionally followed by
 * conditions before the bar: {@code [COMPILER]}, {@code [INTERPRETER]}, {@code [JDK17]} or several,
 * {@code [COMPILER, JDK17]}, all of which must hold. They are expected failures: a listed command
 * that passes fails the run, and so does a listed script or range in which nothing fails. Missing
 * features need no entry: a command the engine refuses with {@link
 * dev.wasmlayer.UnsupportedFeatureException} for a feature it declares missing is excluded by that.
 */
final class SpecExclusions {
  static final String RESOURCE = "wasm-layer-tck/spec-exclusions.txt";

  /** A listed script, range or command. */
  record Rule(String key, String file, int from, int to, String reason) {
    boolean single() {
      return from == to && from > 0;
    }

    boolean covers(String f, int line) {
      return appliesTo(f) && (from == 0 || (line >= from && line <= to));
    }

    /** Whether it is about this file: the file itself, or a directory ({@code async/}) above it. */
    boolean appliesTo(String f) {
      return file.equals(f) || (file.endsWith("/") && f.startsWith(file));
    }
  }

  private final List<Rule> rules = new ArrayList<>();

  SpecExclusions(String strategy) {
    this(RESOURCE, strategy);
  }

  /**
   * The rules of another list in the same format.
   *
   * @param resource the class-path resource
   * @param strategy the execution strategy, for the conditions
   */
  SpecExclusions(String resource, String strategy) {
    String mode = strategy.toUpperCase(Locale.ROOT);
    for (ListFile.Entry e : ListFile.read(resource)) {
      String key = e.key();
      int open = key.indexOf('[');
      if (open > 0) {
        String conditions = key.substring(open + 1, key.indexOf(']', open));
        key = key.substring(0, open).trim();
        if (!holds(conditions, mode)) {
          continue;
        }
      }
      rules.add(rule(key, e.reason()));
    }
  }

  /**
   * Whether every condition holds: a strategy ({@code COMPILER}) or a Java version ({@code JDK17}).
   */
  private static boolean holds(String conditions, String strategy) {
    for (String c : conditions.split(",")) {
      String condition = c.trim().toUpperCase(Locale.ROOT);
      boolean ok =
          condition.startsWith("JDK")
              ? Integer.parseInt(condition.substring(3)) == Runtime.version().feature()
              : condition.equals(strategy);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static Rule rule(String key, String reason) {
    int colon = key.indexOf(':');
    if (colon < 0) {
      return new Rule(key, key, 0, 0, reason);
    }
    String file = key.substring(0, colon);
    String lines = key.substring(colon + 1);
    int dash = lines.indexOf('-');
    int from = Integer.parseInt(dash < 0 ? lines : lines.substring(0, dash));
    int to = dash < 0 ? from : Integer.parseInt(lines.substring(dash + 1));
    return new Rule(key, file, from, to, reason);
  }

  /** The rules for one script. */
  List<Rule> forFile(String file) {
    return rules.stream().filter(r -> r.appliesTo(file)).collect(Collectors.toList());
  }
}
