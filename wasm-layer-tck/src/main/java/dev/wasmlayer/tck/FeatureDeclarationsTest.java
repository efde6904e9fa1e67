package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.CompilationCache;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Func;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Module;
import dev.wasmlayer.Pooling;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.ThrownException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.AddressType;
import dev.wasmlayer.types.ArrayType;
import dev.wasmlayer.types.FieldType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.PackedType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.StructType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.types.TagType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.wasi.WasiConfig;
import dev.wasmlayer.wat.WasmText;
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
import org.junit.jupiter.api.Test;
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
    // the preamble alone is a valid, empty component
    p.put(
        Feature.COMPONENTS,
        s -> engine.compileComponent(new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0}).close());
    p.put(
        Feature.THREADS,
        s -> s.newMemory(new MemoryType(1, OptionalLong.of(1), AddressType.I32, true)));
    return p;
  }

  /** One entry point of a feature that has a host side. */
  private record EntryPoint(Feature feature, String name, Consumer<Store<Object>> action) {}

  /**
   * Every entry point of GC and exceptions at the host boundary: where the engine lacks the
   * feature, each must say so by name rather than fail some other way.
   */
  private static List<EntryPoint> gcAndExceptionEntryPoints(Engine engine) {
    StructType point = StructType.of(FieldType.mutable(ValType.I32));
    ArrayType bytes = ArrayType.of(FieldType.mutable(PackedType.I8));
    TagType i32Tag = new TagType(FuncType.ofParams(ValType.I32));
    return List.of(
        new EntryPoint(Feature.GC, "Store.newStruct", s -> s.newStruct(point, Value.i32(1))),
        new EntryPoint(Feature.GC, "Store.newArray", s -> s.newArray(bytes, Value.i32(1))),
        new EntryPoint(
            Feature.GC, "Store.newArray with a fill", s -> s.newArray(bytes, 3, Value.i32(0))),
        new EntryPoint(
            Feature.GC,
            "an i31ref global",
            s -> s.newGlobal(GlobalType.mutable(RefType.I31REF), Value.i31Ref(1))),
        new EntryPoint(
            Feature.GC,
            "an anyref table holding a host object",
            s -> s.newTable(TableType.of(RefType.ANYREF, 1), Value.anyRef(new Object()))),
        new EntryPoint(
            Feature.GC,
            "a call returning a struct",
            s -> func(s.instantiate(engine.compile(GC_MODULE)), "make").call()),
        new EntryPoint(
            Feature.GC,
            "a call taking an i31ref",
            s -> func(s.instantiate(engine.compile(GC_MODULE)), "take").call(Value.i31Ref(1))),
        new EntryPoint(Feature.EXCEPTIONS, "Store.newTag", s -> s.newTag(i32Tag)),
        new EntryPoint(
            Feature.EXCEPTIONS,
            "Store.newException",
            s -> s.newException(new ForeignTag(i32Tag), Value.i32(1))),
        new EntryPoint(
            Feature.EXCEPTIONS,
            "instantiating a module that imports a tag",
            s -> s.instantiate(engine.compile(TAG_IMPORT), Imports.empty())));
  }

  /**
   * GC inside wasm (which an engine may run without GC at the host boundary), and a way out; no
   * typed references, so GC is the only feature it needs.
   */
  private static final byte[] GC_MODULE =
      WasmText.toBinary(
          """
          (module
            (type $p (struct (field i32)))
            (func (export "make") (result structref) (struct.new $p (i32.const 1)))
            (func (export "take") (param i31ref) (result i32) (i31.get_s (local.get 0))))
          """
              .getBytes(StandardCharsets.UTF_8));

  /** An engine with exceptions says the import is missing; one without says it has no tags. */
  private static final byte[] TAG_IMPORT =
      WasmText.toBinary(
          "(module (import \"m\" \"t\" (tag (param i32))))".getBytes(StandardCharsets.UTF_8));

  /**
   * Without exceptions at the host boundary, an engine that runs {@code throw} still reports an
   * uncaught exception as a trap of kind {@link TrapKind#UNCAUGHT_EXCEPTION}; one that cannot run
   * it refuses the module for {@link Feature#EXCEPTIONS}.
   */
  @Test
  void uncaughtExceptionsWithoutTheFeatureAreTrapsOfTheirKind() {
    Module m;
    try {
      m = engine.compile(Tck.wasm("exceptions"));
    } catch (UnsupportedFeatureException e) {
      assertFalse(engine.supports(Feature.EXCEPTIONS), e.getMessage());
      assertEquals(Feature.EXCEPTIONS, e.feature(), e.getMessage());
      return;
    }
    try (m) {
      Func f = func(store.instantiate(m), "f");
      TrapException t = assertThrows(TrapException.class, () -> f.call(Value.i32(3)));
      assertEquals(TrapKind.UNCAUGHT_EXCEPTION, t.kind(), t.getMessage());
      assertEquals(engine.supports(Feature.EXCEPTIONS), t instanceof ThrownException, t.toString());
    }
  }

  /** A tag no engine made, for the one entry point that needs a tag before it can refuse. */
  private record ForeignTag(TagType type) implements dev.wasmlayer.Tag {
    @Override
    public <T> T unwrap(Class<T> kind) {
      throw new IllegalArgumentException("a test tag wraps nothing");
    }
  }

  @TestFactory
  Stream<DynamicTest> missingGcAndExceptionsAreRefusedAtEveryEntryPoint() {
    List<DynamicTest> tests = new ArrayList<>();
    for (EntryPoint p : gcAndExceptionEntryPoints(engine)) {
      if (!engine.supports(p.feature())) {
        tests.add(
            DynamicTest.dynamicTest(
                p.name() + " says " + p.feature() + " is missing",
                () -> {
                  UnsupportedFeatureException e =
                      assertThrows(
                          UnsupportedFeatureException.class, () -> p.action().accept(store));
                  assertEquals(p.feature(), e.feature(), e.getMessage());
                  assertEquals(engine.id(), e.engineId());
                }));
      }
    }
    if (tests.isEmpty()) { // a factory with no tests would pass unseen: say why there are none
      tests.add(
          DynamicTest.dynamicTest(
              "the engine declares GC and EXCEPTIONS (GcReferencesTest and ExceptionsTest run)",
              () ->
                  assertTrue(engine.supports(Feature.GC) && engine.supports(Feature.EXCEPTIONS))));
    }
    return tests.stream();
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
