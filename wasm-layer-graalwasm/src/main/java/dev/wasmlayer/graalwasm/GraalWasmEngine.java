package dev.wasmlayer.graalwasm;

import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.ExecutionStrategy;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.spi.support.CompileBoundary;
import dev.wasmlayer.spi.support.EngineBase;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Engine;

/**
 * One polyglot {@link org.graalvm.polyglot.Engine} shared by every store (Context) of this
 * wasm-layer engine, so parsed modules and JIT-compiled code are cached across stores.
 */
final class GraalWasmEngine extends EngineBase {
  /** What Truffle calls its fallback runtime (no JVMCI, no JIT). */
  private static final String INTERPRETED = "Interpreted";

  private static final System.Logger LOG = System.getLogger("dev.wasmlayer.graalwasm");
  private static volatile boolean fallbackLogged;

  private final Engine polyglot;
  private final ExecutionStrategy strategy;
  private final Validator validator;

  /** Open stores; the polyglot engine is closed when the engine is and none is left. */
  private final AtomicInteger stores = new AtomicInteger();

  GraalWasmEngine(EngineConfig config, String version) {
    super(
        GraalWasmEngineProvider.ID,
        version,
        config,
        GraalWasmEngineProvider.FEATURES); // no pooling, no fuel
    GraalWasmErrors.warm(); // error paths ready before any call can exhaust the stack
    if (config.cache().isPresent()) {
      throw new UnsupportedFeatureException(
          Feature.SERIALIZATION,
          GraalWasmEngineProvider.ID,
          "EngineConfig.cache (GraalWasm keeps compiled code only inside its engine, for the engine's lifetime)");
    }
    Engine e = build(config.options(), false);
    boolean jit = !INTERPRETED.equals(e.getImplementationName());
    if (jit && config.strategy() == ExecutionStrategy.INTERPRETER) {
      e.close();
      e = build(config.options(), true);
    } else if (!jit && config.strategy() == ExecutionStrategy.COMPILER) {
      e.close();
      throw new WasmException(
          "GraalWasm's JIT is not active on this JVM (Truffle runs its fallback interpreter): run "
              + "on a GraalVM JDK, or on a stock JDK with -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI and the "
              + "GraalVM compiler on --upgrade-module-path (see the README); or ask for ExecutionStrategy.AUTO or "
              + "INTERPRETER");
    } else if (!jit && !fallbackLogged) {
      // once per JVM, instead of Truffle's warning per Context; DEBUG, because discovery's choice
      // is the one INFO
      // line an application sees, and toString() says "interpreted"
      fallbackLogged = true;
      LOG.log(
          System.Logger.Level.DEBUG,
          "GraalWasm runs interpreted: this JVM has no JVMCI compiler for Truffle "
              + "(see the wasm-layer README to enable the JIT)");
    }
    this.polyglot = e;
    this.strategy =
        jit && config.strategy() != ExecutionStrategy.INTERPRETER
            ? ExecutionStrategy.COMPILER
            : ExecutionStrategy.INTERPRETER;
    this.validator = new Validator(this);
  }

  /**
   * The polyglot engine: GraalWasm's experimental proposals that pass the spec suite are switched
   * on, Truffle's per-Context interpreter warning is off (this class logs once instead), and {@code
   * graalwasm.X=V} options pass through as polyglot option {@code X}.
   */
  private static Engine build(Map<String, String> options, boolean noCompilation) {
    Engine.Builder b =
        Engine.newBuilder("wasm")
            .allowExperimentalOptions(true)
            .option("engine.WarnInterpreterOnly", "false")
            .option("wasm.MultiMemory", "true")
            .option("wasm.ExtendedConstExpressions", "true")
            .option("wasm.RelaxedSIMD", "true");
    if (noCompilation) {
      b.option("engine.Compilation", "false");
    }
    String prefix = GraalWasmEngineProvider.ID + ".";
    for (Map.Entry<String, String> o : options.entrySet()) {
      if (o.getKey().startsWith(prefix)) {
        b.option(o.getKey().substring(prefix.length()), o.getValue());
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException bad) {
      throw new IllegalArgumentException("GraalWasm rejected an option: " + bad.getMessage(), bad);
    }
  }

  Engine polyglot() {
    return polyglot;
  }

  Validator validator() {
    return validator;
  }

  @Override
  public ExecutionStrategy strategy() {
    return strategy;
  }

  @Override
  public Set<Feature> features() {
    return GraalWasmEngineProvider.FEATURES;
  }

  @Override
  protected dev.wasmlayer.Component compileComponentOpen(byte[] bytes) {
    return CompileBoundary.run(
        () -> dev.wasmlayer.componentmodel.JavaComponents.compile(this, bytes));
  }

  @Override
  protected Module compileOpen(byte[] wasm) {
    return CompileBoundary.run(() -> GraalWasmModule.compile(this, wasm));
  }

  @Override
  protected void validateOpen(byte[] wasm) {
    CompileBoundary.run(() -> GraalWasmModule.compile(this, wasm));
  }

  @Override
  protected <T> Store<T> newStoreOpen(T data, StoreConfig config) {
    stores.incrementAndGet();
    try {
      return new GraalWasmStore<>(this, data, config);
    } catch (RuntimeException | Error e) {
      storeClosed();
      throw e;
    }
  }

  void storeClosed() {
    if (stores.decrementAndGet() == 0 && isClosed()) {
      closePolyglot();
    }
  }

  private synchronized void closePolyglot() {
    try {
      polyglot.close();
    } catch (IllegalStateException stillUsed) {
      // a store's context is still open; the last store to close retries
    }
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(polyglot)) {
      return type.cast(polyglot);
    }
    throw new IllegalArgumentException(
        "a GraalWasm engine unwraps to " + Engine.class.getName() + ", not " + type.getName());
  }

  /**
   * Closes the shared polyglot engine once no store uses it; stores already open keep it alive
   * until they close.
   */
  @Override
  protected void closed() {
    validator.close();
    if (stores.get() == 0) {
      closePolyglot();
    }
  }

  @Override
  public String toString() {
    String runtime =
        polyglot.getImplementationName(); // "Interpreted" on Truffle's fallback runtime
    return id()
        + " "
        + version()
        + " ("
        + (strategy == ExecutionStrategy.COMPILER
            ? "JIT-compiled, Truffle optimizing runtime"
            : runtime.equalsIgnoreCase("interpreted") ? "interpreted" : "interpreted, " + runtime)
        + ")";
  }
}
