package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmlayer.tck.spec.SpecSuite;
import dev.wasmlayer.tck.support.TckBase;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * The official spec test suite through the layer: one dynamic test per script. The full record (per
 * script and per command kind, with every exclusion's reason) is written to {@code
 * target/spec-report/ENGINE-STRATEGY.md}. Tagged {@code spec}: a run that repeats a mode its engine
 * already ran the suite in (the module path, the same strategy on another JDK) leaves it out.
 */
@Tag("spec")
class SpecSuiteTest extends TckBase {
  private static final Duration PER_SCRIPT = Duration.ofMinutes(3);

  private SpecSuite suite;
  private long started;

  @TestFactory
  Stream<DynamicTest> specScripts() {
    Optional<SpecSuite> found = SpecSuite.locate(engine.strategy().name());
    if (found.isEmpty()) {
      String msg = "spec suite not found at " + SpecSuite.searched();
      return Stream.of(
          DynamicTest.dynamicTest(
              "spec suite present",
              () -> {
                if ("true".equals(System.getenv("CI"))) {
                  fail(msg + "; CI must run it");
                }
                throw new TestAbortedException(msg);
              }));
    }
    suite = found.get();
    started = System.nanoTime();
    List<String> scripts = suite.scripts();
    assertTrue(
        scripts.size() > 200, "expected the full suite, found " + scripts.size() + " scripts");
    return scripts.stream()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name + ".wast",
                    () -> {
                      List<String> failures =
                          Assertions.assertTimeoutPreemptively(
                              PER_SCRIPT, () -> suite.run(engine, name));
                      if (!failures.isEmpty()) {
                        fail(
                            failures.size()
                                + " commands failed:\n  "
                                + String.join(
                                    "\n  ", failures.subList(0, Math.min(25, failures.size()))));
                      }
                    }));
  }

  @AfterAll
  void writeReport() {
    if (suite == null) {
      return;
    }
    String mode = engine.strategy().name().toLowerCase(Locale.ROOT);
    Path file = Paths.get("target", "spec-report", engine.id() + "-" + mode + ".md");
    String totals =
        suite.writeReport(
            file,
            "Spec suite on "
                + engine.id()
                + " "
                + engine.version()
                + " ("
                + mode
                + "), suite at "
                + suite.dir());
    System.out.println(
        "wasm-layer spec suite on "
            + engine.id()
            + " ("
            + mode
            + "): "
            + totals
            + " in "
            + (System.nanoTime() - started) / 1_000_000_000
            + " s; report: "
            + file.toAbsolutePath());
  }
}
