package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * When live memories hold all the address space (wasmtime reserves 4 GiB per memory), instantiating
 * another is a {@link dev.wasmlayer.LimitException} at once (no collection is forced and waited
 * for) that tells the caller to close stores, as is creating one from the host, and the process
 * recovers once they are freed. In a JVM of its own whose address space {@code ulimit -v} cuts to
 * 16 GiB ({@link AddressSpaceProbe}), so the limit comes after a few memories instead of ~32,000
 * and nothing else in the test JVM runs short.
 */
class AddressSpaceTest {
  @Test
  @Timeout(120)
  @EnabledOnOs(OS.LINUX)
  void exhaustedAddressSpaceIsALimit() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path args = Files.createTempFile("address-space-probe", ".args");
    try {
      Files.writeString(args, "-cp \"" + classPath + "\"\n");
      String nativeAccess =
          Runtime.version().feature() >= 22 ? " --enable-native-access=ALL-UNNAMED" : "";
      String command =
          "ulimit -v "
              + (16L << 20)
              + " && exec \""
              + java
              + "\" -Xmx64m -Xss4m"
              + " -XX:ReservedCodeCacheSize=64m -XX:CompressedClassSpaceSize=64m -XX:+UseSerialGC"
              + nativeAccess
              + " @"
              + args
              + " "
              + AddressSpaceProbe.class.getName();
      ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true);
      pb.environment().put("MALLOC_ARENA_MAX", "2");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the probe did not finish");
      System.out.print("wasm-layer: wasmtime address-space probe:\n" + out);
      List<String> lines = out.lines().toList();
      assertEquals(0, p.exitValue(), out);
      String limit =
          lines.stream()
              .filter(l -> l.startsWith("instantiate limit after "))
              .findFirst()
              .orElse(null);
      assertTrue(limit != null, out);
      assertTrue(limit.contains("close stores"), "the limit does not say what to do: " + limit);
      // at once: no collection forced and waited for (the refusal is a few microseconds; seconds
      // meant a retry loop)
      long ms =
          Long.parseLong(limit.replaceAll("^instantiate limit after \\d+ in (\\d+) ms:.*$", "$1"));
      assertTrue(ms < 1_000, "the refused instantiation took " + ms + " ms");
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("newMemory limit: ")), out);
      assertTrue(lines.contains("recovered"), out);
    } finally {
      Files.deleteIfExists(args);
    }
  }
}
