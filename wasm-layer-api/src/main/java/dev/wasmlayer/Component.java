package dev.wasmlayer;

import java.util.List;

/**
 * A compiled WebAssembly component (the component model: a program of core modules linked through
 * typed WIT interfaces, as wasi-sdk, cargo-component, componentize-js and jco build them).
 * Immutable and usable from any thread and store of its engine. Get one with {@link
 * Engine#compileComponent}; run a WASI 0.2 command with {@link dev.wasmlayer.wasi.Wasi#run(Store,
 * Component)}.
 *
 * <p>Engines without {@link Feature#COMPONENTS} refuse components with {@link
 * UnsupportedFeatureException}.
 */
public interface Component extends AutoCloseable {
  /** {@return the engine that compiled it} */
  Engine engine();

  /**
   * {@return the names of what it imports, in its order: interfaces such as {@code
   * wasi:cli/stdout@0.2.3}, or functions}
   */
  List<String> imports();

  /** {@return the names of what it exports, such as {@code wasi:cli/run@0.2.3}} */
  List<String> exports();

  /**
   * {@return what it imports, by name in its order, with WIT types: interfaces with their functions
   * and resources, or top-level functions}
   */
  java.util.Map<String, dev.wasmlayer.component.ComponentItem> importTypes();

  /** {@return what it exports, by name in its order, with WIT types} */
  java.util.Map<String, dev.wasmlayer.component.ComponentItem> exportTypes();

  /**
   * {@return the engine's own component object}
   *
   * @param <T> the type to unwrap to
   * @param type the class to unwrap to
   */
  <T> T unwrap(Class<T> type);

  /** Frees the compiled code once no store uses it. Idempotent. */
  @Override
  void close();
}
