package dev.wasmlayer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Engines;
import dev.wasmlayer.Feature;
import dev.wasmlayer.ProviderStatus;
import dev.wasmlayer.tck.support.Tck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same WASI program, run with {@code run} on every engine that supports WASI, gives
 * byte-identical stdout, stderr, files and exit status. Needs at least two such engines on the
 * class path.
 */
class SameOutputEverywhereTest {
  /** Each scenario: the program's arguments after {@code --dir}, and stdin. */
  private static final List<String[]> SCENARIOS =
      List.of(
          new String[] {"args", "ünïcödé", "日本語", ""},
          new String[] {"env", "HOME", "LANG", "X"},
          new String[] {"stdin"},
          new String[] {"stderr", "to stderr\n"},
          new String[] {"exit", "3"},
          new String[] {"ls", "/data"},
          new String[] {"cat", "/data/in.txt"},
          new String[] {"write", "/data/out.txt", "from wasm ✓"},
          new String[] {"write", "/ro/out.txt", "refused"},
          new String[] {"cat", "/data/../secret.txt"},
          new String[] {"cat", "/data/link"},
          new String[] {"no-such-command"});

  /**
   * Engine limits that make a scenario differ, by engine and scenario, with the reason. Like the
   * TCK's known failures, a listed difference that disappears fails the test, so the list stays
   * true.
   */
  private static final Map<String, Map<String, String>> KNOWN_DIFFERENCES = Map.of();

  @TempDir Path tmp;

  /** Everything one run produced: exit status, streams, and the files of the writable directory. */
  record Result(int exit, String out, String err, Map<String, String> files) {}

  @Test
  void everyEngineWithWasiGivesTheSameBytes() throws IOException {
    List<String> engines =
        Engines.providers().stream()
            .filter(ProviderStatus::usable)
            .filter(p -> p.provider().orElseThrow().features().contains(Feature.WASI))
            .map(ProviderStatus::id)
            .toList();
    assertTrue(
        engines.size() >= 2,
        "needs two engines with WASI to compare, found " + engines + ":\n" + Engines.report());
    Path probe = Files.write(tmp.resolve("wasi_probe.wasm"), Tck.wasm("wasi_probe"));
    int compared = 0;
    for (String[] scenario : SCENARIOS) {
      String name = String.join(" ", scenario);
      Result first = null;
      String firstEngine = null;
      for (String engine : engines) {
        Result r = run(engine, probe, scenario);
        String known = KNOWN_DIFFERENCES.getOrDefault(engine, Map.of()).get(name);
        if (known != null) {
          assertTrue(
              first == null || !first.equals(r),
              name
                  + " on "
                  + engine
                  + " no longer differs ("
                  + known
                  + "): remove it from KNOWN_DIFFERENCES");
          continue;
        }
        if (first == null) {
          first = r;
          firstEngine = engine;
        } else {
          assertEquals(first, r, name + ": " + firstEngine + " and " + engine + " differ");
          compared++;
        }
      }
    }
    assertTrue(compared >= SCENARIOS.size(), "too few comparisons: " + compared);
    System.out.println(
        "run gave identical results on "
            + engines
            + " for "
            + SCENARIOS.size()
            + " scenarios ("
            + compared
            + " comparisons; known differences: "
            + KNOWN_DIFFERENCES
            + ")");
  }

  private Result run(String engine, Path probe, String[] scenario) throws IOException {
    Path root = Files.createTempDirectory(tmp, engine);
    Path data = Files.createDirectory(root.resolve("data"));
    Path ro = Files.createDirectory(root.resolve("ro"));
    Files.writeString(data.resolve("in.txt"), "input ✓\n");
    Files.writeString(data.resolve("b"), "");
    Files.createDirectory(data.resolve("a-dir"));
    Files.writeString(root.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(data.resolve("link"), root.resolve("secret.txt"));
    List<String> args =
        new ArrayList<>(
            List.of(
                "--engine",
                engine,
                "--dir",
                data + "::/data",
                "--dir",
                ro + "::/ro:ro",
                "--env",
                "HOME=/home/ü",
                "--env",
                "LANG=C.UTF-8",
                probe.toString()));
    args.addAll(List.of(scenario));
    RunTest.Outcome o =
        RunTest.run(
            "stdin bytes ✓\n".getBytes(StandardCharsets.UTF_8), args.toArray(new String[0]));
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile)
          .forEach(p -> files.put(root.relativize(p).toString(), read(p)));
    }
    return new Result(o.exit(), o.out(), o.err(), files);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
