package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.Value;
import dev.wasmlayer.bind.WasmImport;
import dev.wasmlayer.tck.support.Gc;
import dev.wasmlayer.tck.support.TckBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Views and bindings whose classes come from a child class loader, as in application servers and
 * plugin frameworks: the classes are compiled at test time into a directory that is not on the
 * class path and loaded by a fresh {@link URLClassLoader} whose parent is the TCK's loader, so
 * wasm-layer's own loader cannot see them.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ChildLoaderTest extends TckBase {
  private static final String WAT =
      """
      (module
        (import "host" "add" (func $add (param i32 i32) (result i32)))
        (import "host" "swap" (func $swap (param i32 i64) (result i64 i32)))
        (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 call $add)
        (func (export "swap") (param i32 i64) (result i64 i32) local.get 0 local.get 1 call $swap)
        (func (export "mul") (param i32 i32) (result i32) local.get 0 local.get 1 i32.mul))
      """;

  /** The plugin's sources: a view, a view with a record result, and a host class to bind. */
  private static final Map<String, String> SOURCES =
      Map.of(
          "plugin/Mul.java", "package plugin; public interface Mul { int mul(int a, int b); }",
          "plugin/Pair.java", "package plugin; public record Pair(long first, int second) {}",
          "plugin/Swap.java", "package plugin; public interface Swap { Pair swap(int a, long b); }",
          "plugin/Host.java",
              """
          package plugin;
          import dev.wasmlayer.bind.WasmImport;
          public final class Host {
            @WasmImport public int add(int a, int b) { return a + b + 1000; }
            @WasmImport public Pair swap(int a, long b) { return new Pair(b, a); }
          }
          """);

  private Path classes;
  private Module module;

  @BeforeAll
  void compilePlugin() throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assumeTrue(
        javac != null,
        "this runtime has no Java compiler (a JRE): the plugin classes cannot be built");
    Path dir = Files.createTempDirectory("wasm-layer-child-loader");
    Path src = dir.resolve("src");
    classes = dir.resolve("classes");
    for (Map.Entry<String, String> e : SOURCES.entrySet()) {
      Path f = src.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
    }
    Path api;
    try {
      api = Path.of(WasmImport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    String[] args =
        Stream.concat(
                Stream.of("-d", classes.toString(), "-classpath", api.toString(), "-proc:none"),
                SOURCES.keySet().stream().map(k -> src.resolve(k).toString()))
            .toArray(String[]::new);
    assertEquals(0, javac.run(null, null, null, args), "javac failed on the plugin sources");
    module = engine.compile(WAT.getBytes(StandardCharsets.UTF_8));
  }

  @AfterAll
  void deletePlugin() throws IOException {
    if (module != null) {
      module.close();
    }
    if (classes != null) {
      try (Stream<Path> all = Files.walk(classes.getParent())) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private URLClassLoader plugin() {
    try {
      return new URLClassLoader(
          new URL[] {classes.toUri().toURL()}, ChildLoaderTest.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aViewFromAChildLoaderWorks() throws Exception {
    try (URLClassLoader loader = plugin();
        Store<Object> s = engine.newStore(null)) {
      Class<?> mul = loader.loadClass("plugin.Mul");
      assertSame(loader, mul.getClassLoader());
      Instance i = s.instantiate(module, hostImports(loader));
      Object view = func(i, "mul").typed(mul);
      assertEquals(42, call(mul, "mul", view, 6, 7));
      assertEquals(
          -12,
          call(mul, "mul", func(i, "mul").typed(mul), 3, -4),
          "a second view of the same interface");
    }
  }

  @Test
  void aRecordResultFromAChildLoaderIsBuilt() throws Exception {
    try (URLClassLoader loader = plugin();
        Store<Object> s = engine.newStore(null)) {
      Class<?> swap = loader.loadClass("plugin.Swap");
      Instance i = s.instantiate(module, hostImports(loader));
      Object pair = call(swap, "swap", func(i, "swap").typed(swap), 9, 1L << 40);
      assertSame(loader.loadClass("plugin.Pair"), pair.getClass());
      assertEquals("Pair[first=" + (1L << 40) + ", second=9]", pair.toString());
    }
  }

  @Test
  void bindingsFromAChildLoaderWork() throws Exception {
    try (URLClassLoader loader = plugin();
        Store<Object> s = engine.newStore(null)) {
      Instance i = s.instantiate(module, hostImports(loader));
      assertEquals(1005, func(i, "add").call(Value.i32(2), Value.i32(3))[0].i32());
      long[] slots = new long[2];
      slots[0] = 4;
      slots[1] = 77;
      func(i, "swap").callRaw(slots);
      assertEquals(77, slots[0]);
      assertEquals(4, (int) slots[1]);
    }
  }

  /**
   * The plugin's classes in a jar whose package is sealed: wasm-layer puts its small lookup class
   * and the adapter into the interface's package, which the jar's sealing must not turn into a raw
   * {@link Error}: the view works or is refused with {@link IllegalArgumentException}.
   */
  @Test
  void aViewFromASealedPackageWorksOrIsRefusedCleanly() throws Exception {
    Path jar = classes.getParent().resolve("sealed.jar");
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    mf.getMainAttributes().put(Attributes.Name.SEALED, "true");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
    }
    try (URLClassLoader loader =
            new URLClassLoader(
                new URL[] {jar.toUri().toURL()}, ChildLoaderTest.class.getClassLoader());
        Store<Object> s = engine.newStore(null)) {
      Class<?> mul = loader.loadClass("plugin.Mul");
      assertEquals(true, mul.getPackage().isSealed(), "the jar seals package plugin");
      Instance i = s.instantiate(module, hostImports(loader));
      Object view;
      try {
        view = func(i, "mul").typed(mul);
      } catch (IllegalArgumentException refused) {
        System.out.println(
            "wasm-layer: " + engine.id() + " view from a sealed package refused: " + refused);
        return;
      }
      assertEquals(42, call(mul, "mul", view, 6, 7));
    }
  }

  /** Depends on when the collector runs: in the {@code slow} group. */
  @Test
  @Tag("slow")
  void theChildLoaderCanBeCollectedAfterUse() throws Exception {
    WeakReference<ClassLoader> ref = useAndForget();
    Gc.collectUntil(() -> ref.get() == null, Duration.ofSeconds(30));
    assertEquals(
        null, ref.get(), "the plugin's class loader is still reachable after its store was closed");
  }

  /** Uses views and bindings of a fresh child loader, leaving nothing of it reachable from here. */
  private WeakReference<ClassLoader> useAndForget() throws Exception {
    URLClassLoader loader = plugin();
    try (Store<Object> s = engine.newStore(null)) {
      Class<?> mul = loader.loadClass("plugin.Mul");
      Class<?> swap = loader.loadClass("plugin.Swap");
      Instance i = s.instantiate(module, hostImports(loader));
      assertEquals(6, call(mul, "mul", func(i, "mul").typed(mul), 2, 3));
      assertNotNull(call(swap, "swap", func(i, "swap").typed(swap), 1, 2L));
      assertEquals(1002, func(i, "add").call(Value.i32(1), Value.i32(1))[0].i32());
    }
    loader.close();
    return new WeakReference<>(loader);
  }

  private static Imports hostImports(ClassLoader loader) throws ReflectiveOperationException {
    Object host = loader.loadClass("plugin.Host").getConstructor().newInstance();
    return Imports.builder().bind("host", host).build();
  }

  /**
   * Calls the interface's one method {@code name} on {@code view}, as code that only knows it
   * reflectively.
   */
  private static Object call(Class<?> iface, String name, Object view, Object... args)
      throws Exception {
    Class<?>[] types =
        List.of(iface.getMethods()).stream()
            .filter(m -> m.getName().equals(name))
            .findFirst()
            .orElseThrow()
            .getParameterTypes();
    try {
      return iface.getMethod(name, types).invoke(view, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception x ? x : e;
    }
  }
}
