package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Feature;
import dev.wasmlayer.Store;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.OptionType;
import dev.wasmlayer.component.RecordType;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.tck.support.Components;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A component written in JavaScript ({@code src/main/components/greeter.js} with {@code
 * greeter.wit}), made by componentize-js: SpiderMonkey compiled to WebAssembly, some 12 MB of code,
 * with every WASI feature disabled so that it imports nothing. Records, strings, lists and options
 * cross as for any other component.
 *
 * <p>It runs on an engine configured as a user gets it (the run's strategy, no TCK options): the
 * TCK's strict options, such as Chicory's {@code interpreterFallback=fail} that catches compiler
 * gaps in the spec suite, would refuse SpiderMonkey's largest functions, which a default engine
 * runs interpreted.
 */
@RequiresFeature(Feature.COMPONENTS)
@Timeout(600)
class ComponentJsTest extends TckBase {
  static final String API = "tck:js/api";
  static final RecordType PERSON =
      new RecordType(
          List.of(
              new RecordType.Field("name", WitPrimitive.STRING),
              new RecordType.Field("age", WitPrimitive.U32)));

  private Engine userEngine;
  private Component greeter;

  @AfterAll
  void closeComponent() {
    if (greeter != null) {
      greeter.close();
    }
    if (userEngine != null) {
      userEngine.close();
    }
  }

  private Component greeter() {
    if (greeter == null) {
      userEngine = Engine.create(EngineConfig.builder().strategy(Tck.strategy()).build());
      long t0 = System.nanoTime();
      greeter = userEngine.compileComponent(Components.read(Components.require(), "greeter"));
      System.out.printf(
          "wasm-layer: %s compiled the JavaScript component in %d ms%n",
          userEngine.id(), (System.nanoTime() - t0) / 1_000_000);
    }
    return greeter;
  }

  /** {@code person}. */
  public record Person(String name, int age) {}

  /** A typed view of {@code tck:js/api}. */
  public interface Greeter {
    String greet(Person p);

    String shout(String s);

    List<Person> people(List<String> names);

    Optional<Person> oldest(List<Person> ps);
  }

  @Test
  void itExportsItsWitAndImportsNothing() {
    assertEquals(List.of(), greeter().imports());
    assertEquals(List.of(API), greeter().exports());
    ComponentItem.Interface api =
        assertInstanceOf(ComponentItem.Interface.class, greeter().exportTypes().get(API));
    assertEquals(
        new ComponentItem.Function(
            WitFuncType.of(WitPrimitive.STRING, WitFuncType.param("p", PERSON))),
        api.items().get("greet"));
    assertEquals(
        new ComponentItem.Function(
            WitFuncType.of(new OptionType(PERSON), WitFuncType.param("ps", new ListType(PERSON)))),
        api.items().get("oldest"));
  }

  @Test
  void javaScriptComputesWithWitValues() {
    Component js = greeter();
    try (Store<Void> s = userEngine.newStore(null)) {
      javaScriptComputes(s.instantiate(js, ComponentImports.empty()));
    }
  }

  private static void javaScriptComputes(ComponentInstance i) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", "Ünï ✓");
    p.put("age", 42);
    assertEquals("hello, Ünï ✓ (42)", i.func(API, "greet").orElseThrow().call(p));

    Greeter g = i.bind(API, Greeter.class);
    assertEquals("HÉLLO!", g.shout("héllo"));
    assertEquals("!", g.shout(""));
    assertEquals(
        List.of(new Person("ann", 30), new Person("bo", 21)), g.people(List.of("ann", "bo")));
    assertEquals(List.of(), g.people(List.of()));
    assertEquals(
        Optional.of(new Person("b", 5)), g.oldest(List.of(new Person("a", 1), new Person("b", 5))));
    assertEquals(Optional.empty(), g.oldest(List.of()));
  }

  /**
   * A long string through SpiderMonkey, in the slow group: 40,000 characters by default, 200,000 in
   * the long form ({@code -Ddev.wasmlayer.tck.jsRepeat=50000}, two minutes on an interpreter).
   */
  @Test
  @Tag("slow")
  void aLongStringCrossesBothWays() {
    Component js = greeter();
    try (Store<Void> s = userEngine.newStore(null)) {
      Greeter g = s.instantiate(js, ComponentImports.empty()).bind(API, Greeter.class);
      String big = "ünï✓".repeat(Integer.getInteger("dev.wasmlayer.tck.jsRepeat", 10_000));
      assertEquals(big.toUpperCase(java.util.Locale.ROOT) + "!", g.shout(big));
    }
  }
}
