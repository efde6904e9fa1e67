package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * No TCK test can hang a run: the TCK's {@code junit-platform.properties} gives every test a
 * default timeout, enforced on a thread of its own so that even code deaf to interrupts fails on
 * time. This run must see both settings (a backend whose surefire scans the TCK jar, or a
 * module-path launch, that lost the file would fail here), and a test that spins forever, ignoring
 * interrupts, run by a nested launcher with a short default, must fail with a timeout.
 */
class TimeoutDefaultTest {
  private static final String DEFAULT = "junit.jupiter.execution.timeout.default";
  private static final String THREAD_MODE = "junit.jupiter.execution.timeout.thread.mode.default";

  /** Set only while the nested launcher runs {@link Hangs}, so no other discovery ever runs it. */
  private static volatile boolean nestedRun;

  /** Lets the hung test's thread end once the nested run has reported it. */
  private static volatile boolean release;

  /** This run's configuration, as every test of it sees it. */
  private static ExtensionContext seen;

  @RegisterExtension static final BeforeEachCallback SEEN = context -> seen = context;

  @Test
  void thisRunSeesTheDefaultTimeout() {
    Optional<String> timeout = seen.getConfigurationParameter(DEFAULT);
    assertTrue(
        timeout.isPresent(), DEFAULT + " is not set: junit-platform.properties was not read");
    assertEquals(Optional.of("SEPARATE_THREAD"), seen.getConfigurationParameter(THREAD_MODE));
  }

  @Test
  @Timeout(
      value = 60,
      threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // holds even if the nested run hangs
  void aTestThatIgnoresInterruptsAndNeverEndsFailsWithATimeout() {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    release = false;
    nestedRun = true;
    long t0 = System.nanoTime();
    try {
      LauncherFactory.create()
          .execute(
              LauncherDiscoveryRequestBuilder.request()
                  .selectors(DiscoverySelectors.selectClass(Hangs.class))
                  .configurationParameter(
                      DEFAULT,
                      "200 ms") // the file's thread mode still applies: it is read here too
                  .build(),
              listener);
    } finally {
      nestedRun = false;
      release = true;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    TestExecutionSummary summary = listener.getSummary();
    assertEquals(1, summary.getTestsFoundCount(), "the nested run did not find the hanging test");
    List<TestExecutionSummary.Failure> failures = summary.getFailures();
    assertEquals(1, failures.size(), "the hanging test did not fail");
    assertInstanceOf(
        TimeoutException.class,
        failures.get(0).getException(),
        failures.get(0).getException().toString());
    assertTrue(took.toSeconds() < 30, "the hanging test failed only after " + took);
  }

  static boolean nestedRun() {
    return nestedRun;
  }

  /**
   * Spins until released, deaf to interrupts: only a timeout on a separate thread can end its test.
   */
  @EnabledIf("dev.wasmlayer.tck.TimeoutDefaultTest#nestedRun")
  static class Hangs {
    @Test
    void spinsForever() {
      while (!release) {
        Thread.onSpinWait();
      }
    }
  }
}
