package dev.wasmlayer.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Store;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.WitErrorException;
import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.component.WitVariant;
import dev.wasmlayer.tck.support.ComponentText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Every WIT type crosses the boundary both ways: {@code echo-T} lowers its argument into the guest,
 * whose core function hands it, flat or by pointer, to the host import {@code host#echo-T} (lifting
 * it), which returns it (lowering it into guest memory) for the export to return (lifting it
 * again).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class ComponentValuesTest {
  private Engine engine;
  private Component component;
  private Store<Void> store;
  private ComponentInstance instance;
  private final Map<String, Object> seen = new LinkedHashMap<>();
  private RuntimeException failure;

  @BeforeAll
  void setUp() {
    engine = Engines.create("chicory", EngineConfig.defaults());
    component = engine.compileComponent(ComponentText.load("echo"));
    ComponentImports.Builder b = ComponentImports.builder();
    ComponentItem.Interface host = (ComponentItem.Interface) component.importTypes().get("host");
    host.items()
        .forEach(
            (name, item) ->
                b.func(
                    "host",
                    name,
                    ((ComponentItem.Function) item).type(),
                    args -> {
                      seen.put(name, args[0]);
                      if (failure != null) {
                        throw failure;
                      }
                      return args[0];
                    }));
    store = engine.newStore(null);
    instance = store.instantiate(component, b.build());
  }

  @AfterAll
  void tearDown() {
    store.close();
    component.close();
    engine.close();
  }

  private void roundTrip(String type, Object value) {
    ComponentFunc f = instance.func("echo-" + type).orElseThrow();
    Object back = f.call(value);
    assertEquals(plain(value), plain(back), type);
    assertEquals(plain(value), plain(seen.get("echo-" + type)), type + " as the host saw it");
  }

  /** Arrays as lists, so values compare by content. */
  private static Object plain(Object v) {
    if (v != null && v.getClass().isArray()) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
        out.add(java.lang.reflect.Array.get(v, i));
      }
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(ComponentValuesTest::plain).toList();
    }
    return v;
  }

  @Test
  void scalars() {
    roundTrip("bool", true);
    roundTrip("bool", false);
    roundTrip("s8", (byte) -5);
    roundTrip("u8", (byte) 200);
    roundTrip("s16", (short) -30000);
    roundTrip("u16", (short) 0xFFFF);
    roundTrip("s32", Integer.MIN_VALUE);
    roundTrip("u32", -1);
    roundTrip("s64", Long.MIN_VALUE);
    roundTrip("u64", -1L);
    roundTrip("f32", 1.5f);
    roundTrip("f32", Float.NEGATIVE_INFINITY);
    roundTrip("f64", -0.0);
    roundTrip("char", 0x1F600);
    roundTrip("char", (int) 'a');
  }

  @Test
  void nansAreCanonical() {
    Object f = instance.func("echo-f32").orElseThrow().call(Float.intBitsToFloat(0x7fa0_0001));
    assertEquals(0x7fc0_0000, Float.floatToRawIntBits((Float) f));
    Object d =
        instance
            .func("echo-f64")
            .orElseThrow()
            .call(Double.longBitsToDouble(0xfff0_0000_0000_0001L));
    assertEquals(0x7ff8_0000_0000_0000L, Double.doubleToRawLongBits((Double) d));
  }

  @Test
  void integersOfOtherBoxesAreTakenWhenTheyFit() {
    assertEquals((byte) 200, instance.func("echo-u8").orElseThrow().call(200));
    assertEquals(-1, instance.func("echo-u32").orElseThrow().call(0xFFFF_FFFFL));
    assertThrows(
        IllegalArgumentException.class, () -> instance.func("echo-u8").orElseThrow().call(256));
    assertThrows(
        IllegalArgumentException.class,
        () -> instance.func("echo-char").orElseThrow().call(0xD800));
  }

  @Test
  void stringsInEveryEncoding() {
    for (String s : List.of("", "plain ascii", "café", "héllo 😀 wörld", "\u0100 non-latin")) {
      roundTrip("string", s);
      roundTrip("string-utf16", s);
      roundTrip("string-latin1", s);
    }
  }

  @Test
  void lists() {
    roundTrip("bytes", new byte[] {1, 2, (byte) 255});
    roundTrip("bytes", new byte[0]);
    roundTrip("u16s", new short[] {1, -1, 300});
    roundTrip("f64s", new double[] {0.5, -2});
    roundTrip("strings", List.of("a", "", "ünïcode"));
    roundTrip("chars", List.of(0x41, 0x1F600));
    roundTrip("nested", List.of(List.of(List.of(true, 0x41)), List.of()));
    // a List of numbers is accepted too, and comes back as an array
    assertEquals(
        plain(new byte[] {1, 2}),
        plain(instance.func("echo-bytes").orElseThrow().call(List.of((byte) 1, (byte) 2))));
  }

  @Test
  void recordsAndTuples() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", "ada");
    r.put("age", (byte) 36);
    r.put("score", 99.5);
    roundTrip("record", r);
    roundTrip("tuple", List.of((byte) 1, "x", 5L));
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("k", "key");
    k.put("v", Optional.of((short) -3));
    Map<String, Object> k2 = new LinkedHashMap<>();
    k2.put("k", "none");
    k2.put("v", Optional.empty());
    roundTrip("records", List.of(k, k2));
    List<Object> wide = IntStream.range(0, 17).<Object>mapToObj(i -> i * 1000).toList();
    roundTrip("wide", wide);
  }

  @Test
  void variantsEnumsOptionsResultsFlags() {
    roundTrip("variant", WitVariant.of("none"));
    roundTrip("variant", new WitVariant("small", (byte) 7));
    roundTrip("variant", new WitVariant("float", 2.5f));
    roundTrip("variant", new WitVariant("big", -1L));
    roundTrip("variant", new WitVariant("text", "payload"));
    roundTrip("enum", "green");
    roundTrip("option", Optional.of("some"));
    roundTrip("option", Optional.empty());
    roundTrip("option-u32", Optional.of(7));
    roundTrip("result", WitResult.ok("yes"));
    roundTrip("result", WitResult.err(42));
    roundTrip("result-empty", WitResult.ok(null));
    roundTrip("result-empty", WitResult.err(null));
    roundTrip("flags", Set.of("read", "exec"));
    roundTrip("flags", Set.of());
    roundTrip("flags32", Set.of("f0", "f31", "f7"));
  }

  @Test
  void wrongShapesAreRefusedByParameter() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> instance.func("echo-record").orElseThrow().call(Map.of("name", "x")));
    assertTrue(e.getMessage().contains("parameter x"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> instance.func("echo-variant").orElseThrow().call(WitVariant.of("nope")));
    assertThrows(
        IllegalArgumentException.class,
        () -> instance.func("echo-enum").orElseThrow().call("purple"));
    assertThrows(
        IllegalArgumentException.class,
        () -> instance.func("echo-flags").orElseThrow().call(Set.of("fly")));
    assertThrows(
        IllegalArgumentException.class,
        () -> instance.func("echo-u16s").orElseThrow().call(new int[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> instance.func("echo-tuple").orElseThrow().call(List.of(1)));
  }

  @Test
  void aHostExceptionTrapsWithItAsCause() {
    failure = new IllegalStateException("host broke");
    try {
      TrapException t =
          assertThrows(
              TrapException.class, () -> instance.func("echo-string").orElseThrow().call("x"));
      assertEquals(TrapKind.HOST, t.kind());
      assertTrue(hasCause(t, failure), String.valueOf(t));
    } finally {
      failure = null;
    }
    roundTrip("string", "still usable");
  }

  @Test
  void aWitErrorBecomesTheResultsError() {
    failure = new WitErrorException("echo-result", 9);
    try {
      assertEquals(
          WitResult.err(9), instance.func("echo-result").orElseThrow().call(WitResult.ok("x")));
    } finally {
      failure = null;
    }
  }

  private static boolean hasCause(Throwable t, Throwable cause) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c == cause) {
        return true;
      }
    }
    return false;
  }

  @Test
  void arraysCompareByContentHere() {
    assertTrue(
        Arrays.equals(
            new byte[] {1},
            (byte[]) instance.func("echo-bytes").orElseThrow().call(new byte[] {1})));
  }
}
