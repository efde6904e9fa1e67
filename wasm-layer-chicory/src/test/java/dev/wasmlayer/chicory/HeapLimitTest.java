package dev.wasmlayer.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.tck.support.Tck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Chicory's memories live in the Java heap, so without a cap the heap is the limit: past it, {@code memory.grow} and
 * {@code table.grow} are -1 and instantiation is a LimitException, never an OutOfMemoryError. Checked in a JVM of its
 * own with a 96 MiB heap ({@link HeapLimitProbe}), so filling that heap disturbs nothing else.
 */
class HeapLimitTest {
  @Test
  @Timeout(120)
  void pastTheHeapGrowthIsRefusedAndInstantiationIsALimit() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String strategy = Tck.strategy() == dev.wasmlayer.ExecutionStrategy.INTERPRETER ? "INTERPRETER" : "COMPILER";
    Process p = new ProcessBuilder(java, "-Xmx96m", "-cp", classPath, HeapLimitProbe.class.getName(), strategy)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe did not finish");
    System.out.print("wasm-layer: chicory heap probe (" + strategy + "):\n" + out);
    List<String> lines = out.lines().toList();
    assertEquals(0, p.exitValue(), out);
    assertTrue(lines.contains("grow-past-heap -1"), out);
    int grown = Integer.parseInt(line(lines, "grown-mib ").substring("grown-mib ".length()));
    assertTrue(grown > 16 && grown < 96, "grew " + grown + " MiB in a 96 MiB heap");
    assertTrue(lines.contains("table-past-heap -1"), out);
    assertTrue(lines.contains("host-grow -1"), out);
    assertTrue(line(lines, "instantiate ").startsWith("instantiate limit: "), out);
    assertTrue(lines.contains("done"), out);
  }

  private static String line(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("(no " + prefix + "line)");
  }
}
