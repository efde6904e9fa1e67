package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.CompilationCache;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Pooling;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.AddressType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wasi.WasiConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Declarations stay honest: for every feature an engine declares missing, the API really throws
 * {@link UnsupportedFeatureException} naming that feature and engine; SIMD, memory64 and WAT, when
 * declared, are accepted. (Other declared features are exercised by the tests that
 * {@code @RequiresFeature} them.)
 */
class FeatureDeclarationsTest extends TckBase {

  /** An action that needs the feature, given an open store of the engine under test. */
  private static Map<Feature, Consumer<Store<Object>>> probes(Engine engine) {
    Map<Feature, Consumer<Store<Object>>> p = new EnumMap<>(Feature.class);
    p.put(Feature.SIMD, s -> engine.compile(Tck.wasm("simd")));
    p.put(Feature.MEMORY64, s -> engine.compile(Tck.wasm("memory64")));
    p.put(Feature.TAIL_CALLS, s -> engine.compile(Tck.wasm("tail_call")));
    p.put(Feature.WAT, s -> engine.compile("(module)".getBytes(StandardCharsets.UTF_8)));
    p.put(
        Feature.WASI,
        s ->
            engine.newStore(
                null, StoreConfig.builder().wasi(WasiConfig.builder().build()).build()));
    p.put(
        Feature.WASI_HOST_SOURCES,
        s ->
            engine.newStore(
                null,
                StoreConfig.builder()
                    .wasi(WasiConfig.builder().random(new Random(1)).build())
                    .build()));
    p.put(
        Feature.SERIALIZATION,
        s ->
            Engines.create(
                    engine.id(),
                    Tck.config().toBuilder().cache(CompilationCache.inMemory()).build())
                .close());
    p.put(
        Feature.POOLING_ALLOCATOR,
        s ->
            Engines.create(engine.id(), Tck.config().toBuilder().pooling(Pooling.of(4)).build())
                .close());
    p.put(
        Feature.MEMORY_LIMITS,
        s -> engine.newStore(null, StoreConfig.builder().maxMemoryBytes(1 << 20).build()));
    p.put(
        Feature.FUEL,
        s -> Engines.create(engine.id(), EngineConfig.builder().fuel(true).build()).close());
    p.put(
        Feature.INTERRUPTION,
        s -> engine.newStore(null, StoreConfig.builder().deadline(Duration.ofSeconds(1)).build()));
    p.put(
        Feature.REFERENCE_TYPES,
        s -> s.newTable(TableType.of(ValType.FUNCREF, 1), Value.nullRef(ValType.FUNCREF)));
    p.put(
        Feature.START_CALLER,
        s -> {
          Imports imports =
              Imports.builder()
                  .func(
                      "env",
                      "started",
                      FuncType.ofParams(ValType.I32, ValType.I32),
                      (c, a) -> {
                        c.memory("memory");
                        return Value.NONE;
                      })
                  .build();
          try {
            s.instantiate(engine.compile(Tck.wasm("start_host")), imports);
          } catch (TrapException e) { // what the host function threw is the cause of the HOST trap
            if (e.getCause() instanceof UnsupportedFeatureException unsupported) {
              throw unsupported;
            }
            throw e;
          }
        });
    p.put(
        Feature.THREADS,
        s -> s.newMemory(new MemoryType(1, OptionalLong.of(1), AddressType.I32, true)));
    return p;
  }

  @TestFactory
  Stream<DynamicTest> missingFeaturesThrowUnsupportedFeatureException() {
    List<DynamicTest> tests = new ArrayList<>();
    probes(engine)
        .forEach(
            (feature, probe) -> {
              if (!engine.supports(feature)) {
                tests.add(
                    DynamicTest.dynamicTest(
                        feature + " is declared missing and throws",
                        () -> {
                          UnsupportedFeatureException e =
                              assertThrows(
                                  UnsupportedFeatureException.class, () -> probe.accept(store));
                          assertEquals(feature, e.feature(), e.getMessage());
                          assertEquals(engine.id(), e.engineId());
                          assertTrue(e.getMessage().contains(feature.name()), e.getMessage());
                        }));
              }
            });
    // The other half, for the probes that need no engine settings: a declared feature must not be
    // refused.
    for (Feature feature : List.of(Feature.SIMD, Feature.MEMORY64, Feature.WAT)) {
      if (engine.supports(feature)) {
        tests.add(
            DynamicTest.dynamicTest(
                feature + " is declared and accepted",
                () -> {
                  try {
                    probes(engine).get(feature).accept(store);
                  } catch (UnsupportedFeatureException e) {
                    throw new AssertionError(
                        engine.id() + " declares " + feature + " but refused it: " + e.getMessage(),
                        e);
                  }
                }));
      }
    }
    return tests.stream();
  }
}
