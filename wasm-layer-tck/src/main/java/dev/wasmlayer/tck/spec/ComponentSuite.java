package dev.wasmlayer.tck.spec;

import dev.wasmlayer.Engine;
import dev.wasmlayer.tck.spec.Outcome.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The WebAssembly component-model test suite ({@code test/**}{@code /*.wast} of
 * github.com/WebAssembly/component-model), converted by {@code scripts/build-component-suite.sh}
 * into JSON manifests and component binaries, run through the API with the engine's exclusions.
 *
 * <p>The location is {@code -D}{@value #DIR_PROPERTY}, else the first {@code
 * target/component-suite} holding an {@code index.json} found walking up from the working
 * directory.
 *
 * <p>Exclusions come from {@value #RESOURCE} on the engine's test class path, in the spec suite's
 * format with paths relative to the suite's {@code test/} directory: {@code dir/ | reason} or
 * {@code dir/file.wast | reason} skips a directory or a script without running it (for what is
 * outside the API, such as async, streams and futures); {@code dir/file.wast:LINE | reason} and
 * {@code dir/file.wast:FROM-TO | reason} are expected failures, which fail the run when they pass.
 * The entry {@code strict-trap-messages | reason} makes a trap pass only with the script's text in
 * its message; elsewhere any trap passes and the report lists those with another message.
 */
public final class ComponentSuite {
  /** The system property naming the converted suite's directory (the one holding index.json). */
  public static final String DIR_PROPERTY = "dev.wasmlayer.componentsuite.dir";

  /** The class-path resource listing an engine's exclusions. */
  public static final String RESOURCE = "wasm-layer-tck/component-suite-exclusions.txt";

  /**
   * The list entry ({@code strict-trap-messages | reason}) that makes {@code assert_trap} require
   * the script's text in the trap's message, for an engine whose messages are the suite's own
   * (wasmtime's).
   */
  static final String STRICT_TRAPS = "strict-trap-messages";

  private final Path dir;
  private final SpecExclusions exclusions;
  private final SpecReport report = new SpecReport();
  private final List<String> otherTraps = new ArrayList<>();

  private ComponentSuite(Path dir, String strategy) {
    this.dir = dir;
    this.exclusions = new SpecExclusions(RESOURCE, strategy);
  }

  /** {@return whether the location was given with {@value #DIR_PROPERTY}} */
  public static boolean configured() {
    return !System.getProperty(DIR_PROPERTY, "").isBlank();
  }

  /**
   * {@return the suite for this run, if it can be found}
   *
   * @param strategy the execution strategy, for conditional exclusions
   */
  public static Optional<ComponentSuite> locate(String strategy) {
    if (configured()) {
      Path p = Paths.get(System.getProperty(DIR_PROPERTY).trim());
      return Files.isRegularFile(p.resolve("index.json"))
          ? Optional.of(new ComponentSuite(p, strategy))
          : Optional.empty();
    }
    for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve("target/component-suite");
      if (Files.isRegularFile(p.resolve("index.json"))) {
        return Optional.of(new ComponentSuite(p, strategy));
      }
    }
    return Optional.empty();
  }

  /** {@return where it looks, for the message when nothing is found} */
  public static String searched() {
    return configured()
        ? System.getProperty(DIR_PROPERTY).trim()
            + "/index.json (from -D"
            + DIR_PROPERTY
            + "): missing"
        : "target/component-suite/index.json above "
            + Paths.get("").toAbsolutePath()
            + ": missing (build it with scripts/build-component-suite.sh"
            + " COMPONENT_MODEL_REPO, or set -D"
            + DIR_PROPERTY
            + "=DIR)";
  }

  /** {@return the suite's directory} */
  public Path dir() {
    return dir;
  }

  /** {@return every script, by path relative to the suite's test directory, sorted} */
  @SuppressWarnings("unchecked")
  public List<String> files() {
    try {
      Map<String, Object> index =
          (Map<String, Object>) Json.parse(Files.readString(dir.resolve("index.json")));
      return ((List<Object>) index.get("files"))
          .stream()
              .map(f -> (String) ((Map<String, Object>) f).get("file"))
              .sorted()
              .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs one script and returns the descriptions of what failed (empty when everything passed or
   * was excluded with a reason).
   *
   * @param engine the engine to run it on
   * @param file the script, e.g. {@code values/strings.wast}
   * @return what failed, empty when everything passed
   */
  public List<String> run(Engine engine, String file) {
    long t0 = System.nanoTime();
    String base = file.substring(file.lastIndexOf('/') + 1, file.length() - ".wast".length());
    Path json =
        dir.resolve(file.substring(0, file.length() - ".wast".length())).resolve(base + ".json");
    ComponentScript script =
        new ComponentScript(engine, json, file, !exclusions.forFile(STRICT_TRAPS).isEmpty());
    List<SpecExclusions.Rule> rules = exclusions.forFile(file);
    Optional<SpecExclusions.Rule> whole = rules.stream().filter(r -> r.from() == 0).findFirst();
    if (whole.isPresent()) {
      report.add(file, script.skip("skipped: " + whole.get().reason()), 0);
      return List.of();
    }
    List<Outcome> raw = script.run();
    synchronized (otherTraps) {
      otherTraps.addAll(script.otherTraps());
    }
    Set<SpecExclusions.Rule> used = new HashSet<>();
    List<Outcome> outcomes = new ArrayList<>();
    for (Outcome o : raw) {
      SpecExclusions.Rule rule = match(rules, file, o.line());
      Integer origin = script.origins().get(o.line());
      SpecExclusions.Rule cause = origin == null ? null : match(rules, file, origin);
      if (rule == null && cause != null && o.status() == Status.BLOCKED) {
        outcomes.add(
            o.with(
                Status.EXCLUDED,
                "its component (line " + origin + ") is listed: " + cause.reason()));
        continue;
      }
      boolean bad = o.status() == Status.FAILED || o.status() == Status.BLOCKED;
      if (rule != null && bad) {
        used.add(rule);
        outcomes.add(o.with(Status.EXCLUDED, "listed: " + rule.reason() + " (" + o.detail() + ")"));
      } else if (rule != null && rule.single() && o.status() == Status.PASSED) {
        used.add(rule);
        outcomes.add(
            o.with(
                Status.FAILED,
                "listed as excluded (" + rule.reason() + ") but passes; remove " + rule.key()));
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

  private static SpecExclusions.Rule match(List<SpecExclusions.Rule> rules, String file, int line) {
    SpecExclusions.Rule best = null;
    for (SpecExclusions.Rule r : rules) {
      if (r.covers(file, line) && (best == null || r.to() - r.from() < best.to() - best.from())) {
        best = r;
      }
    }
    return best;
  }

  /**
   * {@return the totals: files, commands, passed, failed, blocked, excluded and unconvertible (the
   * commands jco could not assemble, not counted as excluded)}
   */
  public String totals() {
    List<Outcome> all = report.outcomes();
    long files = all.stream().map(Outcome::file).distinct().count();
    long unconvertible =
        all.stream().filter(o -> o.kind().equals(ComponentScript.UNCONVERTIBLE)).count();
    Map<Status, Long> c = SpecReport.count(all);
    return files
        + " files, "
        + all.size()
        + " commands: passed "
        + c.get(Status.PASSED)
        + ", failed "
        + c.get(Status.FAILED)
        + ", blocked "
        + c.get(Status.BLOCKED)
        + ", excluded "
        + (c.get(Status.EXCLUDED) - unconvertible)
        + ", unconvertible "
        + unconvertible;
  }

  /**
   * Writes the Markdown report and returns the totals line.
   *
   * @param file where the report goes
   * @param title the report's heading
   * @return the totals line
   */
  public String writeReport(Path file, String title) {
    report.write(file, title + "\n\n" + totals());
    StringBuilder b = new StringBuilder();
    b.append(
            "\n## Traps with another message\n\nPassed, as any trap does, but the message lacks the")
        .append(" script's text (the suite's texts are wasmtime's; a trap for another reason would")
        .append(" look the same):\n\n");
    synchronized (otherTraps) {
      otherTraps.forEach(t -> b.append("- ").append(t).append('\n'));
    }
    try {
      Files.writeString(file, b.toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return totals() + ", traps with another message " + otherTraps.size();
  }
}
