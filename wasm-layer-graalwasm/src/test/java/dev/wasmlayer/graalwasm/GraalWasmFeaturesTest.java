package dev.wasmlayer.graalwasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.ExecutionStrategy;
import dev.wasmlayer.Feature;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.tck.support.Tck;
import org.junit.jupiter.api.Test;

/** What GraalWasm 25 lacks fails at compile, naming the feature; the engine says how it runs. */
class GraalWasmFeaturesTest {
  /** {@code (type (struct))}: wabt 1.0.32 has no GC syntax, so as bytes. */
  private static final byte[] GC_MODULE = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 3, 1, 0x5F, 0};

  private static void refused(Feature feature, byte[] wasm) {
    try (Engine engine = Engines.create(GraalWasmEngineProvider.ID, EngineConfig.defaults())) {
      UnsupportedFeatureException e =
          assertThrows(UnsupportedFeatureException.class, () -> engine.compile(wasm));
      assertEquals(feature, e.feature(), e.getMessage());
      assertEquals(GraalWasmEngineProvider.ID, e.engineId());
    }
  }

  @Test
  void tailCallsAreRefusedAtCompile() {
    refused(Feature.TAIL_CALLS, Tck.wasm("tail_call"));
  }

  @Test
  void exceptionsAreRefusedAtCompile() {
    refused(Feature.EXCEPTIONS, Tck.wasm("exceptions"));
  }

  @Test
  void gcTypesAreRefusedAtCompile() {
    refused(Feature.GC, GC_MODULE);
  }

  @Test
  void memory64IsRefusedAtCompile() {
    refused(Feature.MEMORY64, Tck.wasm("memory64"));
  }

  @Test
  void theEngineSaysWhetherItIsCompiledOrInterpreted() {
    try (Engine engine = Engines.create(GraalWasmEngineProvider.ID, EngineConfig.defaults())) {
      String description = engine.toString();
      if (engine.strategy() == ExecutionStrategy.COMPILER) {
        assertTrue(description.contains("JIT-compiled"), description);
      } else {
        assertEquals(ExecutionStrategy.INTERPRETER, engine.strategy());
        assertTrue(description.contains("interpreted"), description);
      }
    }
  }

  @Test
  void askingForTheCompilerWithoutJvmciFailsWithTheFix() {
    boolean jit;
    try (Engine engine = Engines.create(GraalWasmEngineProvider.ID, EngineConfig.defaults())) {
      jit = engine.strategy() == ExecutionStrategy.COMPILER;
    }
    EngineConfig compiler = EngineConfig.builder().strategy(ExecutionStrategy.COMPILER).build();
    if (jit) {
      try (Engine engine = Engines.create(GraalWasmEngineProvider.ID, compiler)) {
        assertEquals(ExecutionStrategy.COMPILER, engine.strategy());
      }
    } else {
      WasmException e =
          assertThrows(
              WasmException.class, () -> Engines.create(GraalWasmEngineProvider.ID, compiler));
      assertTrue(e.getMessage().contains("EnableJVMCI"), e.getMessage());
    }
  }

  @Test
  void unknownPolyglotOptionsAreReported() {
    EngineConfig bad = EngineConfig.builder().option("graalwasm.wasm.NoSuchOption", "true").build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Engines.create(GraalWasmEngineProvider.ID, bad));
    assertTrue(e.getMessage().contains("NoSuchOption"), e.getMessage());
  }
}
