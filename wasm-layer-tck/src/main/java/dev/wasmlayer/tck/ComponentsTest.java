package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.Feature;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.tck.support.Components;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.wasi.Wasi;
import dev.wasmlayer.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * WASI 0.2 command components (the first slice of the component model): compiled with {@link
 * Engine#compileComponent}, run with {@link Wasi#run(Store, Component)} from the store's {@link
 * WasiConfig}. Engines without {@link Feature#COMPONENTS} must refuse both by name.
 *
 * <p>The components are built from the TCK's own sources by {@code scripts/build-components.sh}:
 * {@code command} is {@code src/main/components/command.c} (clang-14, wasm32-wasi) wrapped by jco's
 * WASI preview-1 adapter; {@code run_err} is component text whose {@code wasi:cli/run} returns err.
 * Without them a test aborts, and fails under {@code CI=true}.
 *
 * <p>Through the adapter, a program's {@code exit(N)} becomes {@code wasi:cli/exit} with ok (N = 0)
 * or err (any other N): WASI 0.2 has no other exit codes without its unstable {@code
 * exit-with-code}, so {@code Wasi.run} returns 1 for every non-zero N.
 */
class ComponentsTest extends TckBase {
  /** The smallest component there is: the preamble alone (magic, version 0x0d, layer 1). */
  private static final byte[] EMPTY_COMPONENT = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};

  private static final String SECRET = "SECRET" + "y".repeat(50);

  private Component command;

  @AfterAll
  void closeComponents() {
    if (command != null) {
      command.close();
    }
  }

  // ---- every engine ----

  @Test
  void aComponentIsNotACoreModule() {
    CompileException e =
        assertThrows(CompileException.class, () -> engine.compile(EMPTY_COMPONENT));
    assertTrue(e.getMessage().contains("compileComponent"), e.getMessage());
  }

  // ---- engines without the component model ----

  @Test
  void missingComponentsAreRefusedByName() {
    Assumptions.assumeFalse(
        Tck.features().contains(Feature.COMPONENTS),
        engine.id() + " has components: the tests below cover it");
    UnsupportedFeatureException compile =
        assertThrows(
            UnsupportedFeatureException.class, () -> engine.compileComponent(EMPTY_COMPONENT));
    assertEquals(Feature.COMPONENTS, compile.feature());
    assertEquals(engine.id(), compile.engineId());

    WasiConfig wasi = WasiConfig.builder().args("x").build();
    try (Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(wasi).build())) {
      UnsupportedFeatureException run =
          assertThrows(
              UnsupportedFeatureException.class, () -> Wasi.run(s, new ForeignComponent(engine)));
      assertEquals(Feature.COMPONENTS, run.feature());
      assertEquals(engine.id(), run.engineId());
    }
  }

  /** A component no engine made, for the engines that cannot make one. */
  private record ForeignComponent(Engine engine) implements Component {
    @Override
    public List<String> imports() {
      return List.of();
    }

    @Override
    public List<String> exports() {
      return List.of("wasi:cli/run@0.2.0");
    }

    @Override
    public java.util.Map<String, dev.wasmlayer.component.ComponentItem> importTypes() {
      return java.util.Map.of();
    }

    @Override
    public java.util.Map<String, dev.wasmlayer.component.ComponentItem> exportTypes() {
      return java.util.Map.of();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      throw new IllegalArgumentException("not an engine's component");
    }

    @Override
    public void close() {}
  }

  // ---- engines with it ----

  private Path dir() {
    return Components.locate()
        .orElseGet(
            () -> {
              String msg = "components not found at " + Components.searched();
              if ("true".equals(System.getenv("CI"))) {
                fail(msg + "; CI must build them");
              }
              throw new TestAbortedException(msg);
            });
  }

  private Component command() {
    if (command == null) {
      command = engine.compileComponent(Components.read(dir(), "command"));
    }
    return command;
  }

  /** What one run printed and returned. */
  private record Run(int exit, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  private Run run(Component c, UnaryOperator<WasiConfig.Builder> setup, String... args) {
    return run(c, setup, b -> b, args);
  }

  private Run run(
      Component c,
      UnaryOperator<WasiConfig.Builder> setup,
      UnaryOperator<StoreConfig.Builder> store,
      String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    WasiConfig wasi =
        setup
            .apply(WasiConfig.builder().args("command").args(args).stdout(out).stderr(err))
            .build();
    try (Store<Void> s =
        engine.newStore(null, store.apply(StoreConfig.builder().wasi(wasi)).build())) {
      int exit = Wasi.run(s, c);
      return new Run(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.WASI_COMPONENTS})
  void importsAndExportsAreNamed() {
    Component c = command();
    assertEquals(engine, c.engine());
    assertTrue(
        c.exports().stream().anyMatch(n -> n.startsWith("wasi:cli/run@0.2.")),
        "exports: " + c.exports());
    for (String wanted :
        List.of(
            "wasi:cli/environment@0.2.",
            "wasi:cli/exit@0.2.",
            "wasi:cli/stdout@0.2.",
            "wasi:cli/stderr@0.2.",
            "wasi:filesystem/preopens@0.2.",
            "wasi:filesystem/types@0.2.")) {
      assertTrue(
          c.imports().stream().anyMatch(n -> n.startsWith(wanted)),
          wanted + "* not among the imports " + c.imports());
    }
    try (Component runErr = engine.compileComponent(Components.read(dir(), "run_err"))) {
      assertEquals(List.of(), runErr.imports());
      assertEquals(List.of("wasi:cli/run@0.2.0"), runErr.exports());
    }
  }

  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.WASI_COMPONENTS})
  void argumentsReachTheCommand() {
    Run r = run(command(), b -> b, "args", "one", "two words", "ünïcødé ✓", "");
    assertEquals(0, r.exit(), r.toString());
    assertEquals(
        List.of(
            "argc=6",
            "arg[0]=command",
            "arg[1]=args",
            "arg[2]=one",
            "arg[3]=two words",
            "arg[4]=ünïcødé ✓",
            "arg[5]="),
        r.lines());
    assertEquals("", r.err());
  }

  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.WASI_COMPONENTS})
  void environmentReachesTheCommandInOrder() {
    Run r = run(command(), b -> b.env("B_FIRST", "1").env("A_SECOND", "x=y z"), "env");
    assertEquals(0, r.exit(), r.toString());
    assertEquals(List.of("env B_FIRST=1", "env A_SECOND=x=y z"), r.lines());
  }

  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.WASI_COMPONENTS})
  void stdoutAndStderrGoToTheirStreams() {
    Run r = run(command(), b -> b, "stdio");
    assertEquals(new Run(0, "to stdout\n", "to stderr\n"), r);
  }

  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.WASI_COMPONENTS})
  void exitStatus() {
    assertEquals(new Run(0, "exiting with 0\n", ""), run(command(), b -> b, "exit", "0"));
    // non-zero exit is wasi:cli/exit's err through the adapter: status 1 (see the class comment)
    assertEquals(new Run(1, "exiting with 7\n", ""), run(command(), b -> b, "exit", "7"));
    Run usage = run(command(), b -> b);
    assertEquals(1, usage.exit(), usage.toString());
    assertTrue(usage.err().startsWith("usage: command"), usage.err());
    try (Component runErr = engine.compileComponent(Components.read(dir(), "run_err"))) {
      assertEquals(new Run(1, "", ""), run(runErr, b -> b));
    }
  }

  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.WASI_COMPONENTS})
  void preopenedDirectoryIsReadAndWritten(@TempDir Path root) throws IOException {
    Files.writeString(root.resolve("a.txt"), "inside-a");
    Run read = run(command(), b -> b.preopen(root, "/pre", false), "read", "/pre/a.txt");
    assertEquals(new Run(0, "read errno=0 content=inside-a\n", ""), read);
    Run write =
        run(command(), b -> b.preopen(root, "/pre", false), "write", "/pre/new.txt", "written");
    assertEquals(new Run(0, "write errno=0\n", ""), write);
    assertEquals("written", Files.readString(root.resolve("new.txt")));
    Run missing = run(command(), b -> b.preopen(root, "/pre", false), "read", "/pre/none.txt");
    assertEquals(List.of("read errno=44"), missing.lines(), "ENOENT");
  }

  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.WASI_COMPONENTS})
  void readOnlyPreopenRefusesWrites(@TempDir Path root) throws IOException {
    Files.writeString(root.resolve("a.txt"), "inside-a");
    Run read = run(command(), b -> b.preopen(root, "/ro", true), "read", "/ro/a.txt");
    assertEquals(List.of("read errno=0 content=inside-a"), read.lines());
    Run create = run(command(), b -> b.preopen(root, "/ro", true), "write", "/ro/new.txt", "x");
    Run overwrite = run(command(), b -> b.preopen(root, "/ro", true), "write", "/ro/a.txt", "x");
    System.out.println(
        "wasm-layer: " + engine.id() + " read-only component writes: " + create + overwrite);
    assertEquals(List.of("write errno=63"), create.lines(), "EPERM");
    assertEquals(List.of("write errno=63"), overwrite.lines(), "EPERM");
    assertFalse(Files.exists(root.resolve("new.txt")));
    assertEquals("inside-a", Files.readString(root.resolve("a.txt")));
  }

  /**
   * The escape matrix's cases that a libc program can make (see {@code WasiSandboxTest}): the same
   * preopen layout, and nothing outside may be read or changed. The numbers are what wasi-libc
   * reports: absolute paths outside every preopen never reach the host (ENOTCAPABLE, 76); the host
   * refuses the rest (EPERM, 63), as in preview 1.
   */
  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.WASI_COMPONENTS})
  void escapesAreRefused(@TempDir Path root) throws IOException {
    Files.writeString(root.resolve("secret.txt"), SECRET);
    Path pre = Files.createDirectory(root.resolve("pre"));
    Files.writeString(pre.resolve("a.txt"), "inside-a");
    String secretPath = root.resolve("secret.txt").toAbsolutePath().toString();
    Files.createSymbolicLink(pre.resolve("abs-link"), Path.of(secretPath));
    Files.createSymbolicLink(pre.resolve("rel-link"), Path.of("../secret.txt"));
    Files.createSymbolicLink(pre.resolve("up"), Path.of(".."));
    Map<String, String> outside = WasiAttack.snapshot(root, pre);
    Run r = run(command(), b -> b.preopen(pre, "/pre", false), "escape", secretPath);
    System.out.println("wasm-layer: " + engine.id() + " component escapes:\n" + r.out().strip());
    assertFalse(r.out().contains("SECRET") || r.err().contains("SECRET"), r.toString());
    assertFalse(r.out().contains("root:x:0:0"), r.toString());
    assertEquals(outside, WasiAttack.snapshot(root, pre), "something outside the preopen changed");
    assertEquals(0, r.exit(), r.toString());
    assertEquals(
        List.of(
            "inside errno=0 content=inside-a",
            "dotdot errno=63",
            "abs-host errno=76",
            "abs-etc errno=76",
            "abs-link errno=63",
            "rel-link errno=63",
            "up errno=63",
            "guest-symlink errno=0",
            "guest-symlink-follow errno=63",
            "write-dotdot errno=63",
            "write-abs errno=76"),
        r.lines());
  }

  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.WASI_COMPONENTS})
  void whatWasiCannotGiveAComponentIsRefusedByName() {
    Component c = command();
    try (Store<Void> noWasi = engine.newStore(null)) {
      LinkException e = assertThrows(LinkException.class, () -> Wasi.run(noWasi, c));
      System.out.println("wasm-layer: " + engine.id() + " component without WASI: " + e);
    }
    // wasmtime's WASI 0.2 reads stdin from bytes or a file, not from a Java stream, and says so;
    // the Java WASI 0.2 host (Chicory, GraalWasm) takes the stream
    WasiConfig javaStdin =
        WasiConfig.builder()
            .args("command", "args")
            .stdin(new java.io.ByteArrayInputStream(new byte[1]))
            .build();
    try (Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(javaStdin).build())) {
      if (engine.id().equals("wasmtime")) {
        UnsupportedFeatureException e =
            assertThrows(UnsupportedFeatureException.class, () -> Wasi.run(s, c));
        assertEquals(Feature.WASI_COMPONENTS, e.feature());
        assertTrue(e.getMessage().contains("stdin"), e.getMessage());
      } else {
        assertEquals(0, Wasi.run(s, c));
      }
    }
  }

  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.WASI_COMPONENTS})
  void oneComponentRunsInManyStores() throws Exception {
    Run first = run(command(), b -> b, "args", "first");
    Run second = run(command(), b -> b, "args", "second");
    assertEquals(List.of("argc=3", "arg[0]=command", "arg[1]=args", "arg[2]=first"), first.lines());
    assertEquals(
        List.of("argc=3", "arg[0]=command", "arg[1]=args", "arg[2]=second"), second.lines());
    // and at once, from two threads, each in its own store
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Run>> runs =
          List.of(
              pool.submit(() -> run(command(), b -> b.env("N", "a"), "env")),
              pool.submit(() -> run(command(), b -> b.env("N", "b"), "env")));
      assertEquals(List.of("env N=a"), runs.get(0).get().lines());
      assertEquals(List.of("env N=b"), runs.get(1).get().lines());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.WASI_COMPONENTS, Feature.INTERRUPTION})
  void deadlineStopsASpinningCommand() {
    Component c = command();
    TrapException trap =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () ->
                assertThrows(
                    TrapException.class,
                    () -> run(c, b -> b, s -> s.deadline(Duration.ofMillis(200)), "spin")));
    assertEquals(TrapKind.INTERRUPTED, trap.kind(), trap.toString());
  }

  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.WASI_COMPONENTS, Feature.INTERRUPTION})
  void interruptStopsASpinningCommand() throws Exception {
    Component c = command();
    CountDownLatch spinning = new CountDownLatch(1);
    OutputStream out = new SignallingStream("spinning\n", spinning);
    WasiConfig wasi = WasiConfig.builder().args("command", "spin").stdout(out).build();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(wasi).build())) {
      Future<Integer> running = pool.submit(() -> Wasi.run(s, c));
      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> spinning.await());
      s.interrupt();
      Exception e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () -> assertThrows(java.util.concurrent.ExecutionException.class, running::get));
      TrapException trap =
          assertInstanceOfTrap(e.getCause(), "interrupting a spinning component must trap");
      assertEquals(TrapKind.INTERRUPTED, trap.kind(), trap.toString());
    } finally {
      pool.shutdownNow();
    }
  }

  private static TrapException assertInstanceOfTrap(Throwable t, String message) {
    if (t instanceof TrapException trap) {
      return trap;
    }
    throw new AssertionError(message + ", got " + t, t);
  }

  /** Counts down a latch once the bytes written so far contain a marker. */
  private static final class SignallingStream extends OutputStream {
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    private final String marker;
    private final CountDownLatch latch;

    SignallingStream(String marker, CountDownLatch latch) {
      this.marker = marker;
      this.latch = latch;
    }

    @Override
    public synchronized void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      seen.write(b, off, len);
      if (seen.toString(StandardCharsets.UTF_8).contains(marker)) {
        latch.countDown();
      }
    }
  }

  @Test
  @RequiresFeature({Feature.COMPONENTS, Feature.WASI_COMPONENTS})
  void whatIsNotAComponentIsRefused() {
    CompileException core =
        assertThrows(CompileException.class, () -> engine.compileComponent(Tck.wasm("wasi_probe")));
    System.out.println("wasm-layer: " + engine.id() + " core module as component: " + core);
    assertThrows(
        CompileException.class,
        () -> engine.compileComponent("not wasm at all".getBytes(StandardCharsets.UTF_8)));
    assertThrows(CompileException.class, () -> engine.compileComponent(new byte[0]));
    byte[] truncated = Components.read(dir(), "command");
    assertThrows(
        CompileException.class,
        () -> engine.compileComponent(java.util.Arrays.copyOf(truncated, truncated.length / 2)));
    CompileException asModule =
        assertThrows(
            CompileException.class, () -> engine.compile(Components.read(dir(), "command")));
    assertTrue(asModule.getMessage().contains("compileComponent"), asModule.getMessage());
  }
}
