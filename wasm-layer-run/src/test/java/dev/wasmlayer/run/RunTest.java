package dev.wasmlayer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.tck.support.Tck;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code run} tool in-process: exit codes, stdio, options, and a clear line for every kind of
 * bad input.
 */
class RunTest {
  /** One run's exit status and what it wrote. */
  record Outcome(int exit, String out, String err) {}

  @TempDir Path tmp;

  static Outcome run(String... args) {
    return run(new byte[0], args);
  }

  static Outcome run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Run.run(
            args,
            new ByteArrayInputStream(stdin),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Path module(String name) throws IOException {
    Path p = tmp.resolve(name + ".wasm");
    if (!Files.exists(p)) {
      Files.write(p, Tck.wasm(name));
    }
    return p;
  }

  @Test
  void runsACommandWithArgumentsAndExitStatus() throws IOException {
    String probe = module("wasi_probe").toString();
    Outcome args = run(probe, "args", "ünï");
    assertEquals(0, args.exit(), args.err());
    assertEquals("wasi_probe.wasm\nargs\nünï\n", args.out());
    assertEquals(7, run(probe, "exit", "7").exit());
    assertEquals("bee", run("bee".getBytes(StandardCharsets.UTF_8), probe, "stdin").out());
  }

  @Test
  void dirAndEnvOptions() throws IOException {
    Path data = Files.createDirectory(tmp.resolve("data"));
    Files.writeString(data.resolve("f.txt"), "content");
    String probe = module("wasi_probe").toString();
    assertEquals("content", run("--dir", data + "::/d", probe, "cat", "/d/f.txt").out());
    Outcome ro = run("--dir", data + "::/d:ro", probe, "write", "/d/g.txt", "x");
    assertEquals(2, ro.exit());
    assertTrue(Files.notExists(data.resolve("g.txt")));
    assertEquals("K=v=w\n", run("--env", "K=v=w", probe, "env", "K").out());
  }

  @Test
  void invokeCallsAnExportWithTypedArguments() throws IOException {
    Outcome r = run("--invoke", "add_one", module("numbers").toString(), "41");
    assertEquals(0, r.exit(), r.err());
    assertEquals("42\n", r.out());
  }

  @Test
  void badInputGetsOneClearLine() throws IOException {
    Outcome missing = run(tmp.resolve("nope.wasm").toString());
    assertEquals(Run.USAGE, missing.exit());
    assertTrue(missing.err().contains("no such file"), missing.err());

    Path junk =
        Files.write(tmp.resolve("junk.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 99});
    Outcome malformed = run(junk.toString());
    assertEquals(Run.FAILED, malformed.exit());
    assertTrue(malformed.err().contains("not a valid module"), malformed.err());

    Outcome noExport = run("--invoke", "missing", module("numbers").toString());
    assertEquals(Run.FAILED, noExport.exit());
    assertTrue(noExport.err().contains("no function 'missing'"), noExport.err());

    Outcome notCommand = run(module("numbers").toString());
    assertEquals(Run.FAILED, notCommand.exit());
    assertTrue(notCommand.err().contains("_start"), notCommand.err());

    Outcome engine = run("--engine", "no-such-engine", module("numbers").toString());
    assertEquals(Run.USAGE, engine.exit());
    assertTrue(engine.err().contains("no-such-engine"), engine.err());

    Outcome usage = run("--bogus", "x");
    assertEquals(Run.USAGE, usage.exit());
    assertTrue(usage.err().contains("unknown option --bogus"), usage.err());

    Outcome dir = run("--dir", "/no/such/dir::/x", module("numbers").toString());
    assertEquals(Run.USAGE, dir.exit());
    assertTrue(dir.err().contains("not a directory"), dir.err());
  }
}
