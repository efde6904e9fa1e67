package dev.wasmlayer.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Module;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.spi.support.internal.ModuleInfo;
import dev.wasmlayer.spi.support.internal.ModuleReader;
import dev.wasmlayer.tck.support.Tck;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared binary reader (which GraalWasm's backend relies on for types) agrees with Chicory's
 * own parser on every TCK module Chicory can read, and rejects truncations with its own exception
 * only.
 */
class ModuleReaderCrossCheckTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "numbers",
        "multi",
        "host",
        "memory",
        "memory_import",
        "globals",
        "traps",
        "start_trap",
        "start_host",
        "command",
        "introspect",
        "producer",
        "consumer",
        "refs",
        "refs_host",
        "table_import",
        "loops",
        "big_memory",
        "tail_call",
        "exceptions"
      })
  void importsAndExportsMatchChicory(String name) {
    byte[] wasm = Tck.wasm(name);
    ModuleInfo info = ModuleReader.read(wasm);
    try (Engine engine = new ChicoryEngineProvider().create(EngineConfig.defaults());
        Module m = engine.compile(wasm)) {
      assertEquals(m.imports(), info.imports());
      assertEquals(m.exports(), info.exports());
    }
  }

  @Test
  void featuresAreReadFromDeclarations() {
    assertTrue(ModuleReader.read(Tck.wasm("memory64")).needs().contains(Feature.MEMORY64));
    assertTrue(ModuleReader.read(Tck.wasm("exceptions")).needs().contains(Feature.EXCEPTIONS));
    assertTrue(ModuleReader.read(Tck.wasm("v128")).needs().contains(Feature.SIMD));
    assertTrue(ModuleReader.read(Tck.wasm("introspect")).needs().contains(Feature.MULTI_MEMORY));
    assertEquals(List.of(), List.copyOf(ModuleReader.read(Tck.wasm("numbers")).needs()));
  }

  @Test
  void everyTruncationFailsWithMalformedOrReadsAPrefix() {
    byte[] wasm = Tck.wasm("refs");
    for (int n = 0; n < wasm.length; n++) {
      byte[] cut = Arrays.copyOf(wasm, n);
      try {
        ModuleReader.read(cut); // a cut at a section boundary is a well-formed shorter module
      } catch (ModuleReader.Malformed expected) {
        assertTrue(expected.getMessage() != null);
      }
    }
    assertThrows(ModuleReader.Malformed.class, () -> ModuleReader.read(new byte[] {1, 2, 3}));
  }

  @Test
  void chicoryRefusesWhatTheReaderSaysItNeeds() {
    try (Engine engine = new ChicoryEngineProvider().create(EngineConfig.defaults())) {
      assertThrows(UnsupportedFeatureException.class, () -> engine.compile(Tck.wasm("memory64")));
    }
  }
}
