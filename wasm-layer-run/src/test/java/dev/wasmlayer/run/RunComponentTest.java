package dev.wasmlayer.run;

import static dev.wasmlayer.run.RunTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmlayer.Engines;
import dev.wasmlayer.Feature;
import dev.wasmlayer.ProviderStatus;
import dev.wasmlayer.spi.WasmBytes;
import dev.wasmlayer.tck.support.Components;
import dev.wasmlayer.tck.support.Tck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * {@code run} on a WASI 0.2 command component (the TCK's {@code command}, built by {@code
 * scripts/build-components.sh}): it is told from a core module by its preamble and runs on an
 * engine with {@link Feature#WASI_COMPONENTS}, with the same options.
 */
class RunComponentTest {
  @TempDir Path tmp;

  private String command;

  @BeforeEach
  void copyComponent() throws IOException {
    Path dir =
        Components.locate()
            .orElseGet(
                () -> {
                  String msg = "components not found at " + Components.searched();
                  if ("true".equals(System.getenv("CI"))) {
                    fail(msg + "; CI must build them");
                  }
                  throw new TestAbortedException(msg);
                });
    command = Files.write(tmp.resolve("command.wasm"), Components.read(dir, "command")).toString();
  }

  @Test
  void theComponentPreambleIsWhatTellsAComponent() throws IOException {
    assertTrue(WasmBytes.isComponent(Files.readAllBytes(Path.of(command))));
    assertFalse(WasmBytes.isComponent(Tck.wasm("wasi_probe")));
    assertFalse(WasmBytes.isComponent(new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1}));
    assertFalse(WasmBytes.isComponent(new byte[] {0, 'a', 's', 'm', 0x0d, 0, 0, 0, 1}));
  }

  @Test
  void aComponentRunsWithArgumentsEnvironmentAndExitStatus() {
    List<String> withComponents =
        Engines.providers().stream()
            .filter(ProviderStatus::usable)
            .filter(p -> p.provider().orElseThrow().features().contains(Feature.WASI_COMPONENTS))
            .map(ProviderStatus::id)
            .toList();
    assertFalse(withComponents.isEmpty(), "no usable engine with components:\n" + Engines.report());

    RunTest.Outcome args = run(command, "args", "ünï", "two words");
    assertEquals(
        new RunTest.Outcome(
            0, "argc=4\narg[0]=command.wasm\narg[1]=args\narg[2]=ünï\narg[3]=two words\n", ""),
        args);
    assertEquals(
        new RunTest.Outcome(0, "env K=v=w\nenv L=2\n", ""),
        run("--env", "K=v=w", "--env", "L=2", command, "env"));
    assertEquals(new RunTest.Outcome(0, "to stdout\n", "to stderr\n"), run(command, "stdio"));
    assertEquals(new RunTest.Outcome(0, "exiting with 0\n", ""), run(command, "exit", "0"));
    // a non-zero exit through the preview-1 adapter is wasi:cli/exit's err: status 1
    assertEquals(new RunTest.Outcome(1, "exiting with 5\n", ""), run(command, "exit", "5"));
    for (String id : withComponents) {
      assertEquals(
          new RunTest.Outcome(0, "to stdout\n", "to stderr\n"),
          run("--engine", id, command, "stdio"),
          id);
    }
  }

  @Test
  void dirOptionsPreopenForAComponent() throws IOException {
    Path data = Files.createDirectory(tmp.resolve("data"));
    Files.writeString(data.resolve("f.txt"), "content");
    assertEquals(
        new RunTest.Outcome(0, "read errno=0 content=content\n", ""),
        run("--dir", data + "::/d", command, "read", "/d/f.txt"));
    assertEquals(
        new RunTest.Outcome(0, "write errno=0\n", ""),
        run("--dir", data + "::/d", command, "write", "/d/g.txt", "from a component"));
    assertEquals("from a component", Files.readString(data.resolve("g.txt")));
    RunTest.Outcome ro = run("--dir", data + "::/d:ro", command, "write", "/d/h.txt", "x");
    assertEquals(new RunTest.Outcome(0, "write errno=63\n", ""), ro, "EPERM");
    assertTrue(Files.notExists(data.resolve("h.txt")));
    assertEquals(
        new RunTest.Outcome(0, "read errno=63\n", ""),
        run("--dir", data + "::/d", command, "read", "/d/../secret.txt"));
  }

  @Test
  void componentMistakesGetOneClearLine() throws IOException {
    RunTest.Outcome invoke = run("--invoke", "run", command);
    assertEquals(Run.USAGE, invoke.exit());
    assertTrue(invoke.err().contains("is a component"), invoke.err());

    for (ProviderStatus p : Engines.providers()) {
      if (p.usable() && !p.provider().orElseThrow().features().contains(Feature.WASI_COMPONENTS)) {
        RunTest.Outcome r = run("--engine", p.id(), command, "args");
        assertEquals(Run.USAGE, r.exit(), p.id() + ": " + r);
        assertTrue(r.err().contains("WASI_COMPONENTS"), p.id() + ": " + r.err());
      }
    }

    byte[] bytes = Files.readAllBytes(Path.of(command));
    Path truncated =
        Files.write(tmp.resolve("truncated.wasm"), Arrays.copyOf(bytes, bytes.length / 2));
    RunTest.Outcome bad = run(truncated.toString());
    assertEquals(Run.FAILED, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("not a valid component"), bad.err());
  }
}
