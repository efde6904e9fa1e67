package dev.wasmlayer.bench;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Func;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Store;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.wat.WasmText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the component model costs at the host boundary: {@code greet(name: string) -> record {
 * message: string, length: u32 }} called as a component export (the canonical ABI lowers the string
 * and lifts the record) against the same core module called by hand through the core API (allocate,
 * write the bytes, call, read the record and the message, free), on the same engine. The component
 * comes from {@code target/components/greet.wasm} (built by {@code scripts/build-components.sh}) or
 * {@code -Ddev.wasmlayer.components.dir}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xss16m", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class ComponentCallBench {
  /** The engine. */
  @Param({"wasmtime", "chicory", "graalwasm"})
  public String engineId;

  /** The name passed: short ASCII, or 1,000 characters. */
  @Param({"short", "long"})
  public String name;

  private Engine engine;
  private Store<Void> store;
  private ComponentFunc greet;
  private Func coreGreet;
  private Func coreAlloc;
  private Func corePost;
  private Memory coreMemory;
  private String arg;
  private final long[] slots = new long[4];

  @Setup
  public void setUp() throws IOException {
    arg = name.equals("short") ? "world" : "w".repeat(1000);
    engine = Engines.create(engineId, EngineConfig.defaults());
    store = engine.newStore(null);
    Component component = engine.compileComponent(Files.readAllBytes(componentPath()));
    greet =
        store
            .instantiate(component, ComponentImports.empty())
            .func("bench:greet/api", "greet")
            .orElseThrow();
    dev.wasmlayer.Instance core = store.instantiate(engine.compile(coreModule()));
    coreGreet = core.func("greet").orElseThrow();
    coreAlloc = core.func("cabi_realloc").orElseThrow();
    corePost = core.func("cabi_post_greet").orElseThrow();
    coreMemory = core.memory("memory").orElseThrow();
    if (!component().equals(core())) {
      throw new IllegalStateException(component() + " != " + core());
    }
  }

  private static Path componentPath() {
    String dir = System.getProperty("dev.wasmlayer.components.dir", "target/components");
    Path p = Path.of(dir, "greet.wasm");
    if (!Files.exists(p)) {
      p = Path.of("..", dir, "greet.wasm");
    }
    return p;
  }

  private static byte[] coreModule() {
    try (InputStream in = ComponentCallBench.class.getResourceAsStream("/greet-core.wat")) {
      return WasmText.toBinary(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TearDown
  public void tearDown() {
    store.close();
    engine.close();
  }

  /** The component export: one typed call. */
  @Benchmark
  public Object component() {
    Map<?, ?> r = (Map<?, ?>) greet.call(arg);
    return r.get("message") + "/" + r.get("length");
  }

  /**
   * The same work on the core module, lowered and lifted by hand on the layer's fastest core path
   * (raw slots): allocate, write the UTF-8, call, read the record and the message, free.
   */
  @Benchmark
  public Object core() {
    byte[] utf8 = arg.getBytes(StandardCharsets.UTF_8);
    long[] slots = this.slots;
    slots[0] = 0;
    slots[1] = 0;
    slots[2] = 1;
    slots[3] = utf8.length;
    coreAlloc.callRaw(slots);
    int ptr = (int) slots[0];
    coreMemory.write(ptr, utf8);
    slots[0] = ptr;
    slots[1] = utf8.length;
    coreGreet.callRaw(slots);
    int ret = (int) slots[0];
    int msg = coreMemory.readInt(ret);
    int msgLen = coreMemory.readInt(ret + 4);
    int length = coreMemory.readInt(ret + 8);
    String message = new String(coreMemory.readBytes(msg, msgLen), StandardCharsets.UTF_8);
    slots[0] = ret;
    corePost.callRaw(slots);
    return message + "/" + length;
  }
}
