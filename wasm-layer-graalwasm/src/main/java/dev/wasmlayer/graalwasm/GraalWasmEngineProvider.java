package dev.wasmlayer.graalwasm;

import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Feature;
import dev.wasmlayer.NoEngineException;
import dev.wasmlayer.spi.Availability;
import dev.wasmlayer.spi.support.ProviderBase;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.Set;
import java.util.jar.Manifest;

/**
 * Finds GraalWasm for wasm-layer. Compiled for Java 17 like the rest of the layer so that discovery
 * on JDK 17 can load it and hear "unavailable: needs JDK 21" instead of failing: GraalWasm 25
 * itself calls JDK 21 methods.
 */
public final class GraalWasmEngineProvider extends ProviderBase {
  /** The id to choose this engine with. */
  public static final String ID = "graalwasm";

  /** The JDK feature release GraalWasm 25 needs. */
  static final int MIN_JDK = 21;

  private static final String LANGUAGE_CLASS = "org/graalvm/wasm/WasmLanguage.class";

  /**
   * What this backend supports. GraalWasm 25 has no tail calls, exceptions, GC, typed function
   * references or fuel; the polyglot API gives host functions no caller during a start section;
   * memory64 needs its unsafe memory, left off. Memory caps are enforced by lowering the maximum of
   * every memory in the module binary ({@link MemoryCap}). Components come from the Java component
   * model (wasm-layer-component).
   */
  static final Set<Feature> FEATURES =
      commonAnd(
          Feature.SIMD,
          Feature.RELAXED_SIMD,
          Feature.WASI_HOST_SOURCES,
          Feature.COMPONENTS,
          Feature.WASI_COMPONENTS);

  /** Used by {@link java.util.ServiceLoader}. */
  public GraalWasmEngineProvider() {
    // below Chicory (100): with its JIT GraalWasm beats Chicory's compiler only on memory-heavy
    // loops, and without
    // JVMCI (a stock JVM's default) it interprets; see docs/benchmarks.md
    super(ID, "GraalWasm", 50, FEATURES);
  }

  /**
   * GraalWasm's version, from the wasm-language jar's manifest (its polyglot API reports
   * "Development Build").
   */
  @Override
  public String version() {
    ClassLoader loader = GraalWasmEngineProvider.class.getClassLoader();
    URL cls = loader == null ? null : loader.getResource(LANGUAGE_CLASS);
    if (cls == null) {
      return "unknown";
    }
    try {
      URLConnection c = cls.openConnection();
      Manifest m = c instanceof JarURLConnection jar ? jar.getManifest() : null;
      String v = m == null ? null : m.getMainAttributes().getValue("Implementation-Version");
      return v != null ? v : "unknown";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  @Override
  public Availability availability() {
    int jdk = Runtime.version().feature();
    if (jdk < MIN_JDK) {
      return Availability.no(
          "GraalWasm 25 needs JDK "
              + MIN_JDK
              + " or newer; this JVM is Java "
              + jdk
              + " (run on JDK "
              + MIN_JDK
              + "+, or choose another engine)");
    }
    ClassLoader loader = GraalWasmEngineProvider.class.getClassLoader();
    if (loader == null || loader.getResource(LANGUAGE_CLASS) == null) {
      return Availability.no(
          "the GraalWasm language is not on the class path: add org.graalvm.polyglot:wasm "
              + "(type pom) next to org.graalvm.polyglot:polyglot");
    }
    return Availability.yes();
  }

  @Override
  public Engine create(EngineConfig config) {
    Availability a = availability();
    if (!a.available()) {
      throw new NoEngineException("GraalWasm is unavailable: " + a.reason());
    }
    return new GraalWasmEngine(config, version());
  }
}
