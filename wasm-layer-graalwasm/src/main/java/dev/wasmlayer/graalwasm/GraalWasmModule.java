package dev.wasmlayer.graalwasm;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.Feature;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.WasmException;
import dev.wasmlayer.spi.support.ModuleBase;
import dev.wasmlayer.spi.support.internal.GrowCounting;
import dev.wasmlayer.spi.support.internal.Minimums;
import dev.wasmlayer.spi.support.internal.ModuleInfo;
import dev.wasmlayer.spi.support.internal.ModuleReader;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.wat.WasmText;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * A validated module: its {@link Source} (evaluated again in each store's Context, cheaply, since
 * the shared engine caches the parse) and its declarations as read by the shared {@link
 * ModuleReader}, because GraalWasm's own introspection gives types as strings and no limits. The
 * source is the module as {@link GrowCounting} rewrote it, so wasm's own growth counts against the
 * store's limits (GraalWasm has no hook for that); the declarations are the original's, and the
 * linker supplies the budget imports.
 */
final class GraalWasmModule extends ModuleBase<GraalWasmEngine> {

  private final byte[] wasm;
  private final Source source;
  private final ModuleInfo info;
  private final GrowCounting.Counted counted;

  /** Sources with memories capped for stores with a memory limit, by cap in pages. */
  private final Map<Long, Source> capped = new ConcurrentHashMap<>();

  private GraalWasmModule(
      GraalWasmEngine engine,
      GrowCounting.Counted counted,
      byte[] wasm,
      Source source,
      ModuleInfo info) {
    super(engine, info.imports(), info.exports());
    this.wasm = wasm;
    this.counted = counted;
    this.source = source;
    this.info = info;
  }

  static GraalWasmModule compile(GraalWasmEngine engine, byte[] wasm) {
    wasm = WasmText.toBinary(wasm);
    ModuleInfo info = null;
    ModuleReader.Malformed unreadable = null;
    try {
      info = ModuleReader.read(wasm);
      refuseUnsupported(info);
    } catch (ModuleReader.Malformed e) {
      for (Feature f :
          e.needsSoFar()) { // e.g. a 64-bit table with bad limits: unsupported before invalid
        if (!GraalWasmEngineProvider.FEATURES.contains(f)) {
          throw new UnsupportedFeatureException(
              f, GraalWasmEngineProvider.ID, "the module's declarations use " + f);
        }
      }
      unreadable = e; // GraalWasm's own decoder gives the better message below
    }
    byte[] copy = wasm.clone();
    Source source =
        Source.newBuilder("wasm", ByteSequence.create(copy), "module-" + digest(copy))
            .cached(true)
            .buildLiteral();
    try {
      engine.validator().check(source);
    } catch (PolyglotException e) {
      throw GraalWasmErrors.compile(e);
    } catch (StackOverflowError e) {
      throw new CompileException(
          CompileException.Reason.INVALID, "module nests too deeply to validate", e);
    }
    if (unreadable != null) {
      throw new WasmException(
          "GraalWasm accepted a module whose declarations wasm-layer cannot read: "
              + unreadable.getMessage(),
          unreadable);
    }
    GrowCounting.Counted counted = count(copy);
    byte[] bytes = counted.bytes();
    if (counted.importsBudgets()) {
      source =
          Source.newBuilder("wasm", ByteSequence.create(bytes), source.getName() + "-counted")
              .cached(true)
              .buildLiteral();
    }
    return new GraalWasmModule(engine, counted, bytes, source, info);
  }

  private static GrowCounting.Counted count(byte[] wasm) {
    try {
      return GrowCounting.count(wasm);
    } catch (CompileException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new WasmException(
          "wasm-layer cannot count this module's memory and table growth against store limits: "
              + e.getMessage(),
          e);
    }
  }

  /** Whether the source imports the store's budget globals ({@link GrowCounting}). */
  boolean importsBudgets() {
    return counted.importsBudgets();
  }

  /** What instantiating it creates at once. */
  Minimums minimums() {
    return counted.minimums();
  }

  /**
   * A name from the module's content. The polyglot engine keeps the parsed code of every distinct
   * source (by content and name) it has seen; naming by content makes compiling the same bytes
   * again reuse that entry instead of adding one.
   */
  private static String digest(byte[] wasm) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(wasm);
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < 12; i++) {
        s.append(Character.forDigit((d[i] >> 4) & 0xF, 16))
            .append(Character.forDigit(d[i] & 0xF, 16));
      }
      return s.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Declarations GraalWasm 25 cannot run fail as unsupported, before its decoder calls them
   * malformed.
   */
  private static void refuseUnsupported(ModuleInfo info) {
    for (Feature f : info.needs()) {
      if (!GraalWasmEngineProvider.FEATURES.contains(f)) {
        throw new UnsupportedFeatureException(
            f, GraalWasmEngineProvider.ID, "the module's declarations use " + f);
      }
    }
  }

  Source source() {
    checkOpen();
    return source;
  }

  /**
   * The source for a store whose memories may not exceed {@code capPages} (negative: no cap).
   *
   * @throws dev.wasmlayer.LimitException if a memory the module defines starts above the cap
   */
  Source source(long capPages, String capDescription) {
    checkOpen();
    if (capPages < 0) {
      return source;
    }
    Source s = capped.get(capPages);
    if (s == null) {
      byte[] bytes = MemoryCap.apply(wasm, capPages, capDescription);
      s =
          Source.newBuilder(
                  "wasm", ByteSequence.create(bytes), source.getName() + "-cap" + capPages)
              .cached(true)
              .buildLiteral();
      capped.put(capPages, s);
    }
    return s;
  }

  ModuleInfo info() {
    return info;
  }

  /** The type of function {@code index} of this module's function index space. */
  FuncType functionType(int index) {
    return info.functions().get(index);
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(source)) {
      return type.cast(source());
    }
    throw new IllegalArgumentException(
        "a GraalWasm module unwraps to "
            + Source.class.getName()
            + " (its module "
            + "value is bound to one Context), not "
            + type.getName());
  }
}
