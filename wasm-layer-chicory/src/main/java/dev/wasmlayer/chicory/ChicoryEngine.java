package dev.wasmlayer.chicory;

import com.dylibso.chicory.compiler.InterpreterFallback;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.ExecutionStrategy;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.spi.support.CompileBoundary;
import dev.wasmlayer.spi.support.EngineBase;
import dev.wasmlayer.wat.WasmText;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Chicory has no engine object: this holds the configuration every module is compiled with. */
final class ChicoryEngine extends EngineBase {
  private static final String FALLBACK_OPTION = "chicory.interpreterFallback";

  private final ExecutionStrategy strategy;
  private final InterpreterFallback fallback;

  ChicoryEngine(EngineConfig config, String version) {
    super(
        ChicoryEngineProvider.ID,
        version,
        config,
        ChicoryEngineProvider.FEATURES); // no pooling allocator, no fuel
    ChicoryErrors.warm(); // error paths ready before any call can exhaust the stack
    // interruption needs no engine setting on Chicory: a running call can always be interrupted
    this.strategy =
        config.strategy() == ExecutionStrategy.INTERPRETER
            ? ExecutionStrategy.INTERPRETER
            : ExecutionStrategy.COMPILER;
    this.fallback = parseOptions(config.options());
    if (strategy == ExecutionStrategy.INTERPRETER && config.cache().isPresent()) {
      throw new UnsupportedFeatureException(
          Feature.SERIALIZATION,
          ChicoryEngineProvider.ID,
          "EngineConfig.cache with the interpreter (it compiles nothing to keep; use the compiler)");
    }
  }

  /** The interpreter compiles nothing, so it has no compilation cache. */
  private static final Set<Feature> INTERPRETER_FEATURES =
      Set.copyOf(
          ChicoryEngineProvider.FEATURES.stream()
              .filter(f -> f != Feature.SERIALIZATION)
              .collect(Collectors.toSet()));

  private static InterpreterFallback parseOptions(Map<String, String> options) {
    InterpreterFallback fallback = InterpreterFallback.WARN;
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (!e.getKey().startsWith(ChicoryEngineProvider.ID + ".")) {
        continue;
      }
      if (!e.getKey().equals(FALLBACK_OPTION)) {
        throw new IllegalArgumentException(
            "unknown Chicory option '" + e.getKey() + "'; known: " + FALLBACK_OPTION);
      }
      try {
        fallback = InterpreterFallback.valueOf(e.getValue().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException(
            FALLBACK_OPTION + " must be silent, warn or fail, was '" + e.getValue() + "'", bad);
      }
    }
    return fallback;
  }

  InterpreterFallback fallback() {
    return fallback;
  }

  @Override
  public ExecutionStrategy strategy() {
    return strategy;
  }

  @Override
  public Set<Feature> features() {
    return strategy == ExecutionStrategy.INTERPRETER
        ? INTERPRETER_FEATURES
        : ChicoryEngineProvider.FEATURES;
  }

  @Override
  protected dev.wasmlayer.Component compileComponentOpen(byte[] bytes) {
    return CompileBoundary.run(
        () -> dev.wasmlayer.componentmodel.JavaComponents.compile(this, bytes));
  }

  @Override
  protected Module compileOpen(byte[] wasm) {
    return CompileBoundary.run(() -> ChicoryModule.compile(this, WasmText.toBinary(wasm)));
  }

  @Override
  protected void validateOpen(byte[] wasm) {
    CompileBoundary.check(() -> ChicoryModule.validate(WasmText.toBinary(wasm)));
  }

  @Override
  protected <T> Store<T> newStoreOpen(T data, StoreConfig config) {
    return new ChicoryStore<>(this, data, config);
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new IllegalArgumentException(
        "Chicory has no engine object; cannot unwrap to " + type.getName());
  }

  @Override
  public String toString() {
    return id()
        + " "
        + version()
        + " ("
        + (strategy == ExecutionStrategy.INTERPRETER
            ? "interpreter"
            : "runtime compiler to JVM bytecode")
        + ")";
  }
}
