package dev.wasmlayer.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.sun.jna.Pointer;
import com.sun.management.OperatingSystemMXBean;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.wasi.Wasi;
import dev.wasmlayer.wasi.WasiConfig;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import dev.wasmlayer.wasmtime.internal.WasmtimeLibrary;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One single-shot measurement of a large module, meant for a fresh JVM each
 * (scripts/bench-large.sh): the compile's wall and process CPU time and the heap's peak during it,
 * through the layer or on the engine's own API, then optionally the module's WASI workload through
 * the layer. Prints one JSON line.
 *
 * <pre>LargeModules ENGINE layer|direct MODULE.wasm [--no-interruption] [--run ARG...]</pre>
 *
 * {@code --run} runs a WASI command with ARGs as its arguments, or, for ruby.wasm's reactor ({@link
 * RubyReactor}), evaluates ARGs joined by spaces as a Ruby script; it runs through the layer in
 * either mode, twice, each time in a new store ({@code run_s}, then {@code run2_s}: a cold JVM,
 * then the layer's paths loaded).
 *
 * <p>The heap peak is the sum of the heap pools' peaks after a full GC and a reset, so it includes
 * garbage the collector had not yet freed: the same rule for the layer and the engine alone.
 */
public final class LargeModules {
  private LargeModules() {}

  public static void main(String[] args) throws Exception {
    String engine = args[0];
    boolean layer =
        switch (args[1]) {
          case "layer" -> true;
          case "direct" -> false;
          default -> throw new IllegalArgumentException("layer or direct, not " + args[1]);
        };
    Path path = Path.of(args[2]);
    List<String> rest = Arrays.asList(args).subList(3, args.length);
    boolean interruption = !rest.contains("--no-interruption");
    int run = rest.indexOf("--run");
    List<String> runArgs = run < 0 ? null : rest.subList(run + 1, rest.size());

    byte[] wasm = Files.readAllBytes(path);
    EngineConfig config = EngineConfig.builder().interruption(interruption).build();
    Engine layerEngine = layer || runArgs != null ? Engines.create(engine, config) : null;
    Object directEngine = layer ? null : directEngine(engine, interruption);

    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    System.gc();
    long baseline = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long cpu0 = processCpu();
    long t0 = System.nanoTime();
    Object compiled = layer ? layerEngine.compile(wasm) : directCompile(engine, directEngine, wasm);
    long wall = System.nanoTime() - t0;
    long cpu = processCpu() - cpu0;
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();

    String runJson = "";
    if (runArgs != null) {
      Module module = layer ? (Module) compiled : layerEngine.compile(wasm);
      // twice, each in a new store: the first in a cold JVM, the second with the layer's paths
      // loaded
      runJson = run(layerEngine, module, runArgs, "") + run(layerEngine, module, runArgs, "2");
    }
    System.out.printf(
        "{\"engine\": \"%s\", \"mode\": \"%s\", \"module\": \"%s\", \"bytes\": %d, "
            + "\"interruption\": %b, \"compile_s\": %.4f, \"compile_cpu_s\": %.4f, \"baseline_mb\": %.1f, "
            + "\"peak_heap_mb\": %.1f%s}%n",
        engine,
        layer ? "layer" : "direct",
        path.getFileName(),
        wasm.length,
        interruption,
        wall / 1e9,
        cpu / 1e9,
        baseline / 1e6,
        peak / 1e6,
        runJson);
    System.exit(0); // engines' non-daemon threads must not keep the measurement's JVM alive
  }

  /** The workload once in a new store, as JSON fields named with {@code suffix}. */
  private static String run(Engine engine, Module module, List<String> args, String suffix) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WasiConfig wasi = WasiConfig.builder().args(args.toArray(String[]::new)).stdout(out).build();
    long r0 = System.nanoTime();
    long c0 =
        ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); // wasm runs on this thread
    int status;
    String split = "";
    try (Store<Void> store = engine.newStore(null, StoreConfig.builder().wasi(wasi).build())) {
      if (RubyReactor.is(module)) {
        RubyReactor.Outcome o = RubyReactor.run(store, module, String.join(" ", args));
        status = o.status();
        split =
            String.format(
                ", \"instantiate%s_s\": %.4f, \"ruby%s_s\": %.4f",
                suffix, o.instantiateNanos() / 1e9, suffix, o.rubyNanos() / 1e9);
      } else {
        status = Wasi.run(store, module);
      }
    }
    long runNanos = System.nanoTime() - r0;
    long runCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0;
    String text = out.toString(StandardCharsets.UTF_8).strip();
    return String.format(", \"run%s_cpu_s\": %.4f", suffix, runCpu / 1e9)
        + String.format(
            ", \"run%s_s\": %.4f%s, \"exit%s\": %d, \"stdout%s\": \"%s\"",
            suffix,
            runNanos / 1e9,
            split,
            suffix,
            status,
            suffix,
            text.lines()
                .reduce((a, b) -> b)
                .orElse("")
                .replace("\\", "\\\\")
                .replace("\"", "\\\""));
  }

  private static long processCpu() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * The engine's own object, configured as the layer configures it where it matters for compiling.
   */
  private static Object directEngine(String engine, boolean interruption) {
    return switch (engine) {
      case "chicory" -> null;
      case "wasmtime" -> {
        Wasmtime.bind(WasmtimeLibrary.find().path().orElseThrow().toString());
        Pointer cfg = Wasmtime.wasm_config_new();
        Wasmtime.wasmtime_config_epoch_interruption_set(cfg, (byte) (interruption ? 1 : 0));
        yield Wasmtime.wasm_engine_new_with_config(cfg);
      }
      case "graalwasm" -> GraalWasmDirectCompile.engine();
      default -> throw new IllegalArgumentException("unknown engine " + engine);
    };
  }

  private static Object directCompile(String engine, Object directEngine, byte[] wasm) {
    return switch (engine) {
      case "chicory" -> {
        WasmModule module = Parser.parse(wasm);
        yield MachineFactoryCompiler.compile(module);
      }
      case "wasmtime" -> {
        long[] out = new long[1];
        Pointer err = Wasmtime.wasmtime_module_new((Pointer) directEngine, wasm, wasm.length, out);
        if (err != null) {
          throw new IllegalStateException(Natives.consumeError(err));
        }
        yield Natives.pointer(out);
      }
      case "graalwasm" -> GraalWasmDirectCompile.compile(directEngine, wasm);
      default -> throw new IllegalArgumentException("unknown engine " + engine);
    };
  }
}
