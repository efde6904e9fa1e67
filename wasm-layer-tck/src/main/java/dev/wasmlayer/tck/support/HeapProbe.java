package dev.wasmlayer.tck.support;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.ExecutionStrategy;
import dev.wasmlayer.Instance;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * For engines whose memories live in the Java heap: in a JVM of its own with a small heap and no
 * store caps, grows a memory past the heap, then a MiB at a time until refused, then a table, then
 * instantiates a memory larger than the heap; one line per outcome. An Error or other exception
 * escaping ends it with status 2. A separate JVM, so filling its heap disturbs nothing else.
 */
public final class HeapProbe {
  private static final String GROWS =
      "(module (memory (export \"memory\") 1) (table $t 0 funcref)"
          + " (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0)))"
          + " (func (export \"grow_table\") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0))))";

  private HeapProbe() {}

  /**
   * Runs the probe on {@code engine} in a JVM with {@code -Xmx<heap>} and this JVM's class path.
   *
   * @param engine the engine's id
   * @param heap the child JVM's heap size, as {@code -Xmx} takes it
   * @return its output lines, after checking it ended with status 0
   * @throws IOException if the JVM cannot be started or its output read
   * @throws InterruptedException if interrupted while waiting for it
   */
  public static List<String> fork(String engine, String heap)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx" + heap,
                "-Xss16m",
                "-cp",
                classPath,
                HeapProbe.class.getName(),
                engine,
                Tck.strategy().name())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the heap probe did not finish:\n" + out);
    }
    System.out.print(
        "wasm-layer: "
            + engine
            + " heap probe ("
            + Tck.strategy()
            + ", -Xmx"
            + heap
            + "):\n"
            + out);
    if (p.exitValue() != 0) {
      throw new AssertionError("the heap probe failed (status " + p.exitValue() + "):\n" + out);
    }
    return out.lines().toList();
  }

  /**
   * The probe: {@code args} are the engine id and the execution strategy.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    EngineConfig config =
        EngineConfig.builder().strategy(ExecutionStrategy.valueOf(args[1])).build();
    try (Engine e = Engines.create(args[0], config);
        Store<Void> s = e.newStore(null)) {
      Instance i = s.instantiate(e.compile(GROWS.getBytes(StandardCharsets.UTF_8)));
      System.out.println(
          "grow-past-heap " + grow(i, "grow", (int) (Runtime.getRuntime().maxMemory() >> 16) + 1));
      int steps = 0;
      while (steps < 100_000
          && grow(i, "grow", 16) != -1) { // a MiB at a time until the heap says no
        steps++;
      }
      System.out.println("grown-mib " + steps);
      System.out.println("host-grow " + i.memory("memory").orElseThrow().grow(16));
      System.out.println("table-grow " + grow(i, "grow_table", 9_000_000));
      try {
        s.instantiate(e.compile("(module (memory 20000))".getBytes(StandardCharsets.UTF_8)));
        System.out.println("instantiate ok");
      } catch (LimitException expected) {
        System.out.println("instantiate limit: " + expected.getMessage());
      }
      System.out.println("done");
    } catch (Throwable t) {
      System.out.println("escaped " + t);
      System.exit(2);
    }
  }

  private static long grow(Instance i, String name, int delta) {
    return i.func(name).orElseThrow().call(Value.i32(delta))[0].i32();
  }
}
