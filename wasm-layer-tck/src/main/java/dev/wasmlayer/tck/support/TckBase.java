package dev.wasmlayer.tck.support;

import dev.wasmlayer.Engine;
import dev.wasmlayer.Func;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of every TCK class: one engine per class (found by discovery), one fresh store per test, compiled modules
 * cached per class, feature conditions and known failures applied.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES) // no TCK test may hang a run; classes may set a shorter one
@ExtendWith({FeatureCondition.class, KnownFailures.class})
public abstract class TckBase {
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

  /** The compiled TCK module {@code name}. */
  protected Module module(String name) {
    return modules.computeIfAbsent(name, n -> engine.compile(Tck.wasm(n)));
  }

  /** {@code name} instantiated in {@link #store} without imports. */
  protected Instance instantiate(String name) {
    return store.instantiate(module(name));
  }

  /** {@code name} instantiated in {@link #store}. */
  protected Instance instantiate(String name, Imports imports) {
    return store.instantiate(module(name), imports);
  }

  /** The exported function, which must exist. */
  protected static Func func(Instance instance, String name) {
    return instance.func(name).orElseThrow(() -> new AssertionError("no exported function " + name));
  }
}
