package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.spi.Availability;
import dev.wasmlayer.wasmtime.internal.WasmtimeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How libwasmtime is found: explicit paths win and are checked; a wrong file is refused with every
 * place tried.
 */
class LibraryDiscoveryTest {
  @AfterEach
  void clear() {
    System.clearProperty(WasmtimeLibrary.PATH_PROPERTY);
    System.clearProperty(WasmtimeLibrary.SKIP_CHECKSUM_PROPERTY);
  }

  @Test
  void aMissingExplicitPathIsReportedWithTheFix() {
    System.setProperty(WasmtimeLibrary.PATH_PROPERTY, "/nonexistent/libwasmtime.so");
    assertFalse(WasmtimeLibrary.locate().present(), "an explicit choice has no fallback");
    WasmtimeLibrary.Found f = WasmtimeLibrary.find();
    assertTrue(f.path().isEmpty());
    String why = f.explain();
    assertTrue(why.contains("/nonexistent/libwasmtime.so: no such file"), why);
    assertTrue(why.contains("add dev.wasmlayer:wasm-layer-wasmtime-natives:"), why);
    assertTrue(why.contains(":" + WasmtimeLibrary.platform() + " to the class path"), why);
    assertFalse(why.contains("provision-wasmtime"), why);
    assertTrue(why.contains(WasmtimeLibrary.PATH_ENV), why);
  }

  @Test
  void aFileThatIsNotThePinnedBuildIsRefused(@TempDir Path dir) throws Exception {
    Path fake = Files.write(dir.resolve("libwasmtime.so"), new byte[] {1, 2, 3});
    System.setProperty(WasmtimeLibrary.PATH_PROPERTY, fake.toString());
    WasmtimeLibrary.Found f = WasmtimeLibrary.find();
    assertTrue(f.path().isEmpty());
    assertTrue(f.explain().contains("is not a known wasmtime 49.0.0 build"), f.explain());
    System.setProperty(WasmtimeLibrary.SKIP_CHECKSUM_PROPERTY, "true");
    assertFalse(WasmtimeLibrary.find().path().isEmpty(), "the user may vouch for it");
  }

  @Test
  void theNativesJarOnTheClassPathProvidesTheLibrary() {
    WasmtimeLibrary.Found f = WasmtimeLibrary.find();
    assertTrue(f.path().isPresent(), f.explain());
    assertTrue(
        f.report()
            .get(f.report().size() - 1)
            .startsWith("natives jar dev.wasmlayer:wasm-layer-wasmtime-natives:"),
        f.report().toString());
  }

  @Test
  void theUnavailableReasonIsOneLineNamingTheNativesJarAndTheMissingExplicitPath() {
    System.setProperty(WasmtimeLibrary.PATH_PROPERTY, "/nonexistent/libwasmtime.so");
    Availability a = WasmtimeEngineProvider.availabilityOf(WasmtimeLibrary.locate());
    assertFalse(a.available());
    String p = WasmtimeLibrary.platform();
    assertEquals(
        "no libwasmtime 49.0.0 for "
            + p
            + " (-D"
            + WasmtimeLibrary.PATH_PROPERTY
            + " /nonexistent/libwasmtime.so: no such file): "
            + WasmtimeLibrary.fix(),
        a.reason());
    assertTrue(
        a.reason().contains("add dev.wasmlayer:wasm-layer-wasmtime-natives:0.1.0-SNAPSHOT:" + p),
        a.reason());
    assertFalse(a.reason().contains(System.lineSeparator()), a.reason());
    System.clearProperty(WasmtimeLibrary.PATH_PROPERTY);
    assertTrue(
        WasmtimeEngineProvider.availabilityOf(WasmtimeLibrary.locate()).available(),
        "the natives jar is there");
  }
}
