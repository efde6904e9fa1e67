package dev.wasmlayer.tck.spec;

import dev.wasmlayer.tck.spec.Outcome.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The record of a spec-suite run for one engine: totals, by command kind, exclusion reasons, per
 * file, failures.
 */
final class SpecReport {
  private final List<Outcome> all = new ArrayList<>();
  private final Map<String, Long> millis = new TreeMap<>();

  synchronized void add(String file, List<Outcome> outcomes, long ms) {
    all.addAll(outcomes);
    millis.put(file, ms);
  }

  synchronized List<Outcome> outcomes() {
    return new ArrayList<>(all);
  }

  synchronized boolean isEmpty() {
    return all.isEmpty();
  }

  static Map<Status, Long> count(List<Outcome> outcomes) {
    Map<Status, Long> m = new EnumMap<>(Status.class);
    for (Status s : Status.values()) {
      m.put(s, 0L);
    }
    outcomes.forEach(o -> m.merge(o.status(), 1L, Long::sum));
    return m;
  }

  /** One line: {@code passed N, failed N, blocked N, excluded N of T commands}. */
  synchronized String totals() {
    Map<Status, Long> c = count(all);
    return "passed "
        + c.get(Status.PASSED)
        + ", failed "
        + c.get(Status.FAILED)
        + ", blocked "
        + c.get(Status.BLOCKED)
        + ", excluded "
        + c.get(Status.EXCLUDED)
        + " of "
        + all.size()
        + " commands in "
        + millis.size()
        + " files";
  }

  /** Exclusion reasons by frequency, details after a colon folded into their head. */
  synchronized Map<String, Long> reasons() {
    return all.stream()
        .filter(o -> o.status() == Status.EXCLUDED)
        .collect(
            Collectors.groupingBy(o -> headOf(o.detail()), TreeMap::new, Collectors.counting()));
  }

  private static String headOf(String detail) {
    String d = detail.replaceFirst("^its module failed: ", "");
    int cut = d.indexOf(" (");
    return cut > 0 ? d.substring(0, cut) : d;
  }

  synchronized void write(Path file, String title) {
    StringBuilder b = new StringBuilder();
    b.append("# ")
        .append(title)
        .append("\n\n")
        .append(totals())
        .append(" (")
        .append(millis.values().stream().mapToLong(Long::longValue).sum() / 1000)
        .append(" s)\n\n");
    b.append(
        "## By command kind\n\n| kind | passed | failed | blocked | excluded |\n|---|---|---|---|---|\n");
    Map<String, List<Outcome>> byKind =
        all.stream()
            .collect(Collectors.groupingBy(Outcome::kind, TreeMap::new, Collectors.toList()));
    byKind.forEach((kind, list) -> row(b, kind, count(list)));
    b.append("\n## Exclusion reasons\n\n| reason | commands |\n|---|---|\n");
    reasons().entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                b.append("| ")
                    .append(e.getKey().replace("|", "\\|"))
                    .append(" | ")
                    .append(e.getValue())
                    .append(" |\n"));
    b.append(
        "\n## Per file\n\n| file | passed | failed | blocked | excluded | ms |\n|---|---|---|---|---|---|\n");
    Map<String, List<Outcome>> byFile =
        all.stream()
            .collect(Collectors.groupingBy(Outcome::file, TreeMap::new, Collectors.toList()));
    byFile.forEach(
        (f, list) -> {
          Map<Status, Long> c = count(list);
          b.append("| ")
              .append(f)
              .append(" | ")
              .append(c.get(Status.PASSED))
              .append(" | ")
              .append(c.get(Status.FAILED))
              .append(" | ")
              .append(c.get(Status.BLOCKED))
              .append(" | ")
              .append(c.get(Status.EXCLUDED))
              .append(" | ")
              .append(millis.getOrDefault(f, 0L))
              .append(" |\n");
        });
    b.append("\n## Failed and blocked commands\n\n");
    all.stream()
        .filter(o -> o.status() == Status.FAILED || o.status() == Status.BLOCKED)
        .forEach(
            o ->
                b.append("- ")
                    .append(o.where())
                    .append(" ")
                    .append(o.kind())
                    .append(": ")
                    .append(o.status())
                    .append(" ")
                    .append(o.detail())
                    .append('\n'));
    b.append("\n## Excluded commands\n\n");
    all.stream()
        .filter(o -> o.status() == Status.EXCLUDED)
        .forEach(
            o ->
                b.append("- ")
                    .append(o.where())
                    .append(" ")
                    .append(o.kind())
                    .append(": ")
                    .append(o.detail())
                    .append('\n'));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void row(StringBuilder b, String kind, Map<Status, Long> c) {
    b.append("| ")
        .append(kind)
        .append(" | ")
        .append(c.get(Status.PASSED))
        .append(" | ")
        .append(c.get(Status.FAILED))
        .append(" | ")
        .append(c.get(Status.BLOCKED))
        .append(" | ")
        .append(c.get(Status.EXCLUDED))
        .append(" |\n");
  }
}
