package dev.wasmlayer.tck.support;

import dev.wasmlayer.Engine;
import dev.wasmlayer.Func;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.wat.WasmText;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of every TCK class: one engine per class (found by discovery), one fresh store per test,
 * compiled modules cached per class, feature conditions and known failures applied. Every test is
 * time-boxed by the TCK's {@code junit-platform.properties} (see {@code TimeoutDefaultTest}); a
 * longer one sets its own {@code @Timeout}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith({FeatureCondition.class, KnownFailures.class})
public abstract class TckBase {
  /** For the TCK's test classes. */
  protected TckBase() {}

  /** The engine under test. */
  protected Engine engine;

  /** A fresh store for each test, with no user data. */
  protected Store<Object> store;

  private final Map<String, Module> modules = new HashMap<>();

  @BeforeAll
  void startEngine() {
    engine = Tck.newEngine();
  }

  @AfterAll
  void stopEngine() {
    modules.values().forEach(Module::close);
    engine.close();
  }

  @BeforeEach
  void openStore() {
    store = engine.newStore(null);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /**
   * {@return the compiled TCK module {@code name}}
   *
   * @param name the module's file name under the TCK's resources, without {@code .wasm}
   */
  protected Module module(String name) {
    return modules.computeIfAbsent(name, n -> engine.compile(Tck.wasm(n)));
  }

  /**
   * {@return a module written as text, assembled by wasm-layer's assembler (so every engine gets
   * the same binary) and compiled once per class}
   *
   * @param wat the module's text
   */
  protected Module wat(String wat) {
    return modules.computeIfAbsent(
        "text:" + wat,
        k -> engine.compile(WasmText.toBinary(wat.getBytes(StandardCharsets.UTF_8))));
  }

  /**
   * {@return {@code name} instantiated in {@link #store} without imports}
   *
   * @param name the module's file name under the TCK's resources, without {@code .wasm}
   */
  protected Instance instantiate(String name) {
    return store.instantiate(module(name));
  }

  /**
   * {@return {@code name} instantiated in {@link #store}}
   *
   * @param name the module's file name under the TCK's resources, without {@code .wasm}
   * @param imports what its imports bind to
   */
  protected Instance instantiate(String name, Imports imports) {
    return store.instantiate(module(name), imports);
  }

  /**
   * {@return the exported function, which must exist}
   *
   * @param instance the instance
   * @param name the export's name
   */
  protected static Func func(Instance instance, String name) {
    return instance
        .func(name)
        .orElseThrow(() -> new AssertionError("no exported function " + name));
  }
}
