package dev.wasmlayer.graalwasm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.tck.support.HeapProbe;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * GraalWasm keeps its memories in the Java heap too: past it, {@code memory.grow} is -1 (GraalWasm
 * catches the OutOfMemoryError itself, after filling the heap) and instantiating a memory larger
 * than the heap is a LimitException. Checked in a JVM of its own with a 256 MiB heap ({@link
 * HeapProbe}).
 */
class GraalWasmHeapTest {
  @Test
  @Timeout(180)
  void pastTheHeapGrowthIsRefusedAndInstantiationIsALimit()
      throws IOException, InterruptedException {
    List<String> out = HeapProbe.fork("graalwasm", "256m");
    assertTrue(out.contains("grow-past-heap -1"), String.join("\n", out));
    assertTrue(out.contains("host-grow -1"), String.join("\n", out));
    assertTrue(
        out.stream().anyMatch(l -> l.startsWith("instantiate limit: ")), String.join("\n", out));
    assertTrue(out.contains("done"), String.join("\n", out));
  }
}
