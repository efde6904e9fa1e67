package dev.wasmlayer.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Engine;
import dev.wasmlayer.spi.support.internal.ByteReader;
import dev.wasmlayer.wat.WasmText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packages of the API, the WAT assembler and this module depend on each other without cycles
 * (as jdeps sees the compiled classes), but for one the API's public signatures make: {@code
 * Engines.provider()} returns an {@code EngineProvider} whose {@code create} returns an {@code
 * Engine}, {@code StoreConfig} takes a {@code WasiConfig} while {@code Wasi} links {@code Imports}
 * into a {@code Store}, and {@code internal.gen} generates the {@code Imports} and {@code Func}
 * views those types hand out; {@code Store.instantiate(Component, ComponentImports)} and the typed
 * component views ({@code internal.wit}) join it the same way.
 */
class PackageCyclesTest {
  /** The one cycle the API's signatures make; see the class comment. */
  private static final Set<String> API_CYCLE =
      Set.of(
          "dev.wasmlayer",
          "dev.wasmlayer.spi",
          "dev.wasmlayer.wasi",
          "dev.wasmlayer.internal.gen",
          "dev.wasmlayer.component",
          "dev.wasmlayer.internal.wit");

  private static final Pattern EDGE =
      Pattern.compile("^\\s+(dev\\.wasmlayer\\S*)\\s+->\\s+(dev\\.wasmlayer\\S*)\\s");

  @Test
  @Timeout(120)
  void theOnlyPackageCycleIsTheOneTheApiSignaturesMake() throws URISyntaxException {
    Map<String, Set<String>> graph =
        packageGraph(where(Engine.class), where(WasmText.class), where(ByteReader.class));
    assertTrue(
        graph.containsKey("dev.wasmlayer.spi.support.internal")
            && graph.containsKey("dev.wasmlayer.wat"),
        "jdeps saw every module's packages: " + graph.keySet());
    List<Set<String>> cycles = cycles(graph);
    assertEquals(List.of(new TreeSet<>(API_CYCLE)), cycles, "package cycles");
  }

  private static Path where(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** Package dependencies between wasm-layer packages, from {@code jdeps -verbose:package}. */
  private static Map<String, Set<String>> packageGraph(Path... roots) {
    ToolProvider jdeps =
        ToolProvider.findFirst("jdeps")
            .orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
    List<String> args =
        new ArrayList<>(List.of("--multi-release", "17", "-verbose:package", "-filter:none"));
    for (Path r : roots) {
      args.add(r.toString());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    assertEquals(0, status, () -> "jdeps " + args + " failed: " + err + out);
    Map<String, Set<String>> graph = new TreeMap<>();
    for (String line : out.toString().split("\n")) {
      Matcher m = EDGE.matcher(line);
      if (m.find()) {
        Set<String> to = graph.computeIfAbsent(m.group(1), k -> new TreeSet<>());
        if (!m.group(1).equals(m.group(2))) {
          to.add(m.group(2));
        }
      }
    }
    return graph;
  }

  /** The strongly connected components of more than one package (Tarjan's algorithm, iterative). */
  private static List<Set<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new HashSet<>();
    List<Set<String>> found = new ArrayList<>();
    for (String start : graph.keySet()) {
      if (index.containsKey(start)) {
        continue;
      }
      Deque<Map.Entry<String, List<String>>> work = new ArrayDeque<>();
      visit(start, index, low, stack, onStack, work, graph);
      while (!work.isEmpty()) {
        Map.Entry<String, List<String>> top = work.peek();
        String v = top.getKey();
        if (!top.getValue().isEmpty()) {
          String w = top.getValue().remove(0);
          if (!index.containsKey(w)) {
            visit(w, index, low, stack, onStack, work, graph);
          } else if (onStack.contains(w)) {
            low.put(v, Math.min(low.get(v), index.get(w)));
          }
          continue;
        }
        work.pop();
        if (!work.isEmpty()) {
          String parent = work.peek().getKey();
          low.put(parent, Math.min(low.get(parent), low.get(v)));
        }
        if (low.get(v).equals(index.get(v))) {
          Set<String> component = new TreeSet<>();
          String w;
          do {
            w = stack.pop();
            onStack.remove(w);
            component.add(w);
          } while (!w.equals(v));
          if (component.size() > 1) {
            found.add(component);
          }
        }
      }
    }
    return found;
  }

  private static void visit(
      String v,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      Deque<Map.Entry<String, List<String>>> work,
      Map<String, Set<String>> graph) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    onStack.add(v);
    work.push(Map.entry(v, new ArrayList<>(graph.getOrDefault(v, Set.of()))));
  }
}
