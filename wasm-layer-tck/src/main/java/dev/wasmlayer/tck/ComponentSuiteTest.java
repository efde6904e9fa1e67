package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmlayer.Feature;
import dev.wasmlayer.tck.spec.ComponentSuite;
import dev.wasmlayer.tck.support.RequiresFeature;
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
 * The WebAssembly component-model test suite through the layer: one dynamic test per script, built
 * by {@code scripts/build-component-suite.sh} (never committed; CI has no copy). Without it the
 * test aborts visibly, and fails if {@code -Ddev.wasmlayer.componentsuite.dir} names a directory
 * that does not hold it. The full record is written to {@code
 * target/component-suite-report/ENGINE-STRATEGY.md}. Tagged {@code spec} like the core suite.
 */
@Tag("spec")
@RequiresFeature(Feature.COMPONENTS)
class ComponentSuiteTest extends TckBase {
  private static final Duration PER_SCRIPT = Duration.ofMinutes(2);

  private ComponentSuite suite;
  private long started;

  @TestFactory
  Stream<DynamicTest> componentScripts() {
    Optional<ComponentSuite> found = ComponentSuite.locate(engine.strategy().name());
    if (found.isEmpty()) {
      String msg = "component-model test suite not found: " + ComponentSuite.searched();
      return Stream.of(
          DynamicTest.dynamicTest(
              "component suite present",
              () -> {
                if (ComponentSuite.configured()) {
                  fail(msg);
                }
                throw new TestAbortedException(msg);
              }));
    }
    suite = found.get();
    started = System.nanoTime();
    List<String> files = suite.files();
    assertTrue(files.size() > 50, "expected the full suite, found " + files.size() + " scripts");
    return files.stream()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
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
    Path file = Paths.get("target", "component-suite-report", engine.id() + "-" + mode + ".md");
    String totals =
        suite.writeReport(
            file,
            "Component-model suite on "
                + engine.id()
                + " "
                + engine.version()
                + " ("
                + mode
                + "), suite at "
                + suite.dir());
    System.out.println(
        "wasm-layer component suite on "
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
