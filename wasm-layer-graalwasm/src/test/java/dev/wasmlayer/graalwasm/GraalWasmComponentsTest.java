package dev.wasmlayer.graalwasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Store;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.component.WitVariant;
import dev.wasmlayer.tck.support.ComponentText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Components on GraalWasm through the Java component model: a smoke test of the same code. */
@Timeout(120)
class GraalWasmComponentsTest {
  @Test
  void componentsRunOnGraalWasm() {
    List<String> logged = new ArrayList<>();
    WitFuncType log = WitFuncType.of(null, WitFuncType.param("msg", WitPrimitive.STRING));
    ComponentImports imports =
        ComponentImports.builder()
            .func(
                "host",
                "log",
                log,
                args -> {
                  logged.add((String) args[0]);
                  return null;
                })
            .build();
    try (Engine engine = Engines.create("graalwasm", EngineConfig.defaults());
        Component basics = engine.compileComponent(ComponentText.load("basics"));
        Component layout = engine.compileComponent(ComponentText.load("layout"));
        Store<Void> store = engine.newStore(null)) {
      assertTrue(engine.supports(Feature.COMPONENTS));
      ComponentInstance i = store.instantiate(basics, imports);
      assertEquals(5, i.func("add").orElseThrow().call(2, 3));
      i.func("example:demo/api", "greet").orElseThrow().call("grüße");
      assertEquals(List.of("grüße"), logged);

      ComponentInstance l = store.instantiate(layout, ComponentImports.empty());
      assertEquals(new WitVariant("text", "héllo"), l.func("text").orElseThrow().call());
      assertEquals("hé", l.func("tagged").orElseThrow().call());
      assertThrows(TrapException.class, () -> l.func("str").orElseThrow().call(1));
      assertThrows(TrapException.class, () -> l.func("str").orElseThrow().call(2));
    }
  }
}
