package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Store;
import dev.wasmlayer.component.BorrowType;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.GuestResource;
import dev.wasmlayer.component.OwnType;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.component.WitVariant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Component values are freed exactly once: many calls carrying strings, lists, records, variants,
 * payload boxes and resources, in one store, leave resident memory where it was. A leak of the 4
 * KiB string once per round would be 60 MiB over the run, over the limit.
 */
@Timeout(300)
class ComponentLeakTest {
  private static final int ROUNDS = 15_000;
  private static final long LIMIT = 40L << 20;
  private static final Path STATUS = Paths.get("/proc/self/status");

  private static long rss() throws IOException {
    for (String line : Files.readAllLines(STATUS)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS");
  }

  @Test
  void valuesAndResourcesDoNotLeak() throws IOException {
    assumeTrue(Files.isReadable(STATUS), "resident memory is read from /proc/self/status");
    try (Engine engine = Engines.create(WasmtimeEngineProvider.ID, EngineConfig.defaults());
        Component echo =
            engine.compileComponent(
                ComponentTexts.text(EchoComponent.text(ComponentEchoTest.CASES)));
        Component res = engine.compileComponent(ComponentTexts.read("resources"));
        Store<Void> store = engine.newStore(null)) {
      ComponentImports.Builder b = ComponentImports.builder();
      for (EchoComponent.Case c : ComponentEchoTest.CASES) {
        b.func(
            "echo-" + c.name(),
            ((ComponentItem.Function) echo.importTypes().get("echo-" + c.name())).type(),
            args -> args[0]);
      }
      ComponentInstance e = store.instantiate(echo, b.build());
      ResourceType file = ResourceType.host("file");
      ComponentInstance r =
          store.instantiate(
              res,
              ComponentImports.builder()
                  .resource("example:demo/host", "file", file)
                  .func(
                      "example:demo/host",
                      "open",
                      WitFuncType.of(
                          new OwnType(file), WitFuncType.param("name", WitPrimitive.STRING)),
                      args -> new Object())
                  .func(
                      "example:demo/host",
                      "[method]file.size",
                      WitFuncType.of(
                          WitPrimitive.U32, WitFuncType.param("self", new BorrowType(file))),
                      args -> 1)
                  .build());
      ComponentFunc string = e.func("echo-string").orElseThrow();
      ComponentFunc points = e.func("echo-points").orElseThrow();
      ComponentFunc shapes = e.func("echo-shapes").orElseThrow();
      ComponentFunc res2 = e.func("echo-res").orElseThrow();
      ComponentFunc ctor = r.func("example:demo/counters", "[constructor]counter").orElseThrow();
      ComponentFunc openSize = r.func("example:demo/uses", "open-size").orElseThrow();
      String text = "x".repeat(4096);
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("x", 1);
      point.put("y", text);
      List<Object> shapeList =
          List.of(Optional.of(new WitVariant("circle", 1.0)), Optional.empty());
      Runnable round =
          () -> {
            assertEquals(text, string.call(text));
            assertEquals(List.of(point), points.call(List.of(point)));
            assertEquals(shapeList, shapes.call(shapeList));
            assertEquals(WitResult.err(text), res2.call(WitResult.err(text)));
            try (GuestResource c = (GuestResource) ctor.call(5)) {
              assertTrue(c.isOwned());
            }
            assertEquals(1, openSize.call("name"));
          };
      for (int i = 0; i < ROUNDS / 3; i++) {
        round.run();
      }
      System.gc();
      long before = rss();
      for (int i = 0; i < ROUNDS; i++) {
        round.run();
      }
      System.gc();
      long growth = rss() - before;
      System.out.printf(
          "wasm-layer component values: %d rounds, RSS growth %.1f MiB%n",
          ROUNDS, growth / 1048576.0);
      assertTrue(growth < LIMIT, "resident memory grew by " + (growth >> 20) + " MiB");
    }
  }
}
