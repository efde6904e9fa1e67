package dev.wasmlayer.tck.spec;

import dev.wasmlayer.Engine;
import dev.wasmlayer.tck.spec.Outcome.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the suite, runs a script with the engine's exclusions applied, and keeps the report. The
 * location is {@code -Ddev.wasmlayer.spec.dir}, else the first {@code ../shared/spec} found walking
 * up from the working directory.
 */
public final class SpecSuite {
  /** The system property naming the suite's directory (the one holding {@code tests/}). */
  public static final String DIR_PROPERTY = "dev.wasmlayer.spec.dir";

  private final Path dir;
  private final SpecExclusions exclusions;
  private final SpecReport report = new SpecReport();

  private SpecSuite(Path dir, String strategy) {
    this.dir = dir;
    this.exclusions = new SpecExclusions(strategy);
  }

  /**
   * {@return the suite for this run, if it can be found}
   *
   * @param strategy the execution strategy, for the report
   */
  public static Optional<SpecSuite> locate(String strategy) {
    String configured = System.getProperty(DIR_PROPERTY, "").trim();
    if (!configured.isEmpty()) {
      Path p = Paths.get(configured);
      return Files.isDirectory(p.resolve("tests"))
          ? Optional.of(new SpecSuite(p, strategy))
          : Optional.empty();
    }
    for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve("../shared/spec").normalize();
      if (Files.isDirectory(p.resolve("tests"))) {
        return Optional.of(new SpecSuite(p, strategy));
      }
    }
    return Optional.empty();
  }

  /** {@return where it looks, for the message when nothing is found} */
  public static String searched() {
    String configured = System.getProperty(DIR_PROPERTY, "").trim();
    return configured.isEmpty()
        ? "../shared/spec above "
            + Paths.get("").toAbsolutePath()
            + " (set -D"
            + DIR_PROPERTY
            + "=DIR)"
        : configured + " (from -D" + DIR_PROPERTY + ")";
  }

  /** {@return the suite's directory} */
  public Path dir() {
    return dir;
  }

  /** {@return every script, by name ({@code i32}), sorted} */
  public List<String> scripts() {
    try (Stream<Path> s = Files.list(dir.resolve("tests"))) {
      return s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs one script and returns the descriptions of what failed (empty when everything passed or
   * was excluded with a reason). Listed exclusions are expected failures: one that passes is
   * reported as a failure.
   *
   * @param engine the engine to run it on
   * @param name the script's name, e.g. {@code i32}
   * @return what failed, empty when everything passed
   */
  public List<String> run(Engine engine, String name) {
    long t0 = System.nanoTime();
    List<Outcome> raw =
        new SpecScript(engine, dir.resolve("tests").resolve(name).resolve(name + ".json")).run();
    String file = name + ".wast";
    List<SpecExclusions.Rule> rules = exclusions.forFile(file);
    Set<SpecExclusions.Rule> used = new HashSet<>();
    List<Outcome> outcomes = new ArrayList<>();
    for (Outcome o : raw) {
      SpecExclusions.Rule rule = match(rules, file, o.line());
      boolean bad = o.status() == Status.FAILED || o.status() == Status.BLOCKED;
      if (rule != null && bad) {
        used.add(rule);
        outcomes.add(o.with(Status.EXCLUDED, "listed: " + rule.reason() + " (" + o.detail() + ")"));
      } else if (rule != null && rule.single() && o.status() == Status.PASSED) {
        used.add(rule);
        outcomes.add(
            o.with(
                Status.FAILED,
                "listed as excluded ("
                    + rule.reason()
                    + ") but passes; remove "
                    + rule.key()
                    + " from "
                    + SpecExclusions.RESOURCE));
      } else {
        outcomes.add(o);
      }
    }
    for (SpecExclusions.Rule r : rules) {
      if (!used.contains(r)) {
        outcomes.add(
            new Outcome(
                file,
                r.from(),
                "exclusion",
                Status.FAILED,
                r.key() + " is listed (" + r.reason() + ") but nothing there fails; remove it"));
      }
    }
    report.add(file, outcomes, (System.nanoTime() - t0) / 1_000_000);
    return outcomes.stream()
        .filter(o -> o.status() == Status.FAILED || o.status() == Status.BLOCKED)
        .map(o -> o.where() + " " + o.kind() + ": " + o.status() + " " + o.detail())
        .collect(Collectors.toList());
  }

  /** The narrowest rule covering the line: a command, else a range, else the whole script. */
  private static SpecExclusions.Rule match(List<SpecExclusions.Rule> rules, String file, int line) {
    SpecExclusions.Rule best = null;
    for (SpecExclusions.Rule r : rules) {
      if (r.covers(file, line) && (best == null || width(r) < width(best))) {
        best = r;
      }
    }
    return best;
  }

  private static long width(SpecExclusions.Rule r) {
    return r.from() == 0 ? Long.MAX_VALUE : r.to() - r.from();
  }

  /**
   * Writes the report and returns its totals line.
   *
   * @param file where the Markdown report goes
   * @param title the report's heading
   * @return the totals line
   */
  public String writeReport(Path file, String title) {
    report.write(file, title);
    return report.totals();
  }
}
