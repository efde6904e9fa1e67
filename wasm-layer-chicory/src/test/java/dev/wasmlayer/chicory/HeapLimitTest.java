package dev.wasmlayer.chicory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.tck.support.HeapProbe;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Chicory's memories and tables live in the Java heap, so without a cap the heap is the limit: past
 * it (less the reserve left to the JVM), {@code memory.grow} and {@code table.grow} are -1 and
 * instantiation is a LimitException, never an OutOfMemoryError. Checked in a JVM of its own with a
 * 96 MiB heap ({@link HeapProbe}).
 */
class HeapLimitTest {
  @Test
  @Timeout(120)
  void pastTheHeapGrowthIsRefusedAndInstantiationIsALimit()
      throws IOException, InterruptedException {
    List<String> out = HeapProbe.fork("chicory", "96m");
    assertTrue(out.contains("grow-past-heap -1"), String.join("\n", out));
    int grown = Integer.parseInt(line(out, "grown-mib ").substring("grown-mib ".length()));
    assertTrue(
        grown > 16 && grown <= 80,
        "grew " + grown + " MiB in a 96 MiB heap that keeps 16 MiB back");
    assertTrue(out.contains("host-grow -1"), String.join("\n", out));
    assertTrue(out.contains("table-grow -1"), "the heap is full: " + String.join("\n", out));
    assertTrue(line(out, "instantiate ").startsWith("instantiate limit: "), String.join("\n", out));
    assertTrue(out.contains("done"), String.join("\n", out));
  }

  private static String line(List<String> lines, String prefix) {
    return lines.stream()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElse("(no " + prefix + "line)");
  }
}
