package dev.wasmlayer.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.Engines;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Store;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.EnumType;
import dev.wasmlayer.component.FlagsType;
import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.OptionType;
import dev.wasmlayer.component.RecordType;
import dev.wasmlayer.component.ResultType;
import dev.wasmlayer.component.VariantType;
import dev.wasmlayer.component.WitErrorException;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.component.WitType;
import dev.wasmlayer.component.WitVariant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every WIT type through the canonical ABI both ways: Java lowers into an export, the guest calls a
 * host function with the value (lifted for Java), the host returns it (lowered again), and the
 * export returns it (lifted). What comes back must equal what went in.
 */
@Timeout(120)
class ComponentEchoTest {
  private static final String I32 = "i32";
  private static final String I64 = "i64";

  private static EchoComponent.Case c(String name, String type, String... flat) {
    return new EchoComponent.Case(name, type, List.of(flat));
  }

  static final List<EchoComponent.Case> CASES =
      List.of(
          c("bool", "bool", I32),
          c("s8", "s8", I32),
          c("u8", "u8", I32),
          c("s16", "s16", I32),
          c("u16", "u16", I32),
          c("s32", "s32", I32),
          c("u32", "u32", I32),
          c("s64", "s64", I64),
          c("u64", "u64", I64),
          c("f32", "f32", "f32"),
          c("f64", "f64", "f64"),
          c("char", "char", I32),
          c("string", "string", I32, I32),
          c("bytes", "(list u8)", I32, I32),
          c("s8s", "(list s8)", I32, I32),
          c("s16s", "(list s16)", I32, I32),
          c("u32s", "(list u32)", I32, I32),
          c("s64s", "(list s64)", I32, I32),
          c("f32s", "(list f32)", I32, I32),
          c("f64s", "(list f64)", I32, I32),
          c("strings", "(list string)", I32, I32),
          c("bools", "(list bool)", I32, I32),
          c("chars", "(list char)", I32, I32),
          c("point", "%point", I32, I32, I32),
          c("tuple", "(tuple u8 string)", I32, I32, I32),
          c("numbers", "(tuple f32 f64 s64)", "f32", "f64", I64),
          c("shape", "%shape", I32, I64),
          c("color", "%color", I32),
          c("opt", "(option u32)", I32, I32),
          c("optstr", "(option string)", I32, I32, I32),
          c("optopt", "(option (option u8))", I32, I32, I32),
          c("res", "(result u32 (error string))", I32, I32, I32),
          c("unit", "(result)", I32),
          c("errstr", "(result (error string))", I32, I32, I32),
          c("perms", "%perms", I32),
          c("points", "(list %point)", I32, I32),
          c("shapes", "(list (option %shape))", I32, I32));

  private static Engine engine;
  private static Component echo;

  @BeforeAll
  static void compile() {
    engine = Engines.create(WasmtimeEngineProvider.ID, dev.wasmlayer.EngineConfig.defaults());
    echo = engine.compileComponent(ComponentTexts.text(EchoComponent.text(CASES)));
  }

  @AfterAll
  static void close() {
    echo.close();
    engine.close();
  }

  private static WitFuncType importType(String name) {
    return ((ComponentItem.Function) echo.importTypes().get("echo-" + name)).type();
  }

  /** Echo host functions for every case, counting the calls. */
  private static ComponentImports echoes(AtomicInteger calls) {
    ComponentImports.Builder b = ComponentImports.builder();
    for (EchoComponent.Case c : CASES) {
      b.func(
          "echo-" + c.name(),
          importType(c.name()),
          args -> {
            calls.incrementAndGet();
            return args[0];
          });
    }
    return b.build();
  }

  private static Map<String, Object> point(int x, String y) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("x", x);
    m.put("y", y);
    return m;
  }

  /** Inputs per case; each must come back equal. */
  static Map<String, List<Object>> values() {
    Map<String, List<Object>> v = new LinkedHashMap<>();
    v.put("bool", List.of(true, false));
    v.put("s8", List.of((byte) -5, Byte.MIN_VALUE));
    v.put("u8", List.of((byte) -1, (byte) 200));
    v.put("s16", List.of((short) -300, Short.MAX_VALUE));
    v.put("u16", List.of((short) -1));
    v.put("s32", List.of(Integer.MIN_VALUE, 42));
    v.put("u32", List.of(-1, 7));
    v.put("s64", List.of(Long.MIN_VALUE, 1L << 40));
    v.put("u64", List.of(-1L));
    v.put("f32", List.of(1.5f, Float.NEGATIVE_INFINITY));
    v.put("f64", List.of(-2.25, Double.MAX_VALUE));
    v.put("char", List.of((int) 'a', 0x1F600, 0x10FFFF));
    v.put("string", List.of("", "héllo, wörld \uD83D\uDE00", "x".repeat(100_000)));
    v.put("bytes", List.of(new byte[0], new byte[] {1, 2, -1}, new byte[70_000]));
    v.put("s8s", List.of(new byte[] {-128, 127}));
    v.put("s16s", List.of(new short[] {-1, 2, 300}));
    v.put("u32s", List.of(new int[] {-1, 0, 5}));
    v.put("s64s", List.of(new long[] {Long.MAX_VALUE, -2}));
    v.put("f32s", List.of(new float[] {0.5f, -1f}));
    v.put("f64s", List.of(new double[] {Math.PI, -0.0}));
    v.put("strings", List.of(List.of(), List.of("a", "", "ccc")));
    v.put("bools", List.of(List.of(true, false, true)));
    v.put("chars", List.of(List.of(0x41, 0x1F600)));
    v.put("point", List.of(point(-3, "three")));
    v.put("tuple", List.of(List.of((byte) 7, "seven")));
    v.put("numbers", List.of(List.of(0.25f, 1e300, -9L)));
    v.put(
        "shape",
        List.of(
            new WitVariant("circle", 2.5), new WitVariant("square", -1), WitVariant.of("none")));
    v.put("color", List.of("red", "blue"));
    v.put("opt", List.of(Optional.of(7), Optional.empty()));
    v.put("optstr", List.of(Optional.of("some"), Optional.empty()));
    v.put(
        "optopt",
        List.of(
            Optional.empty(), Optional.of(Optional.empty()), Optional.of(Optional.of((byte) 1))));
    v.put("res", List.of(WitResult.ok(5), WitResult.err("bad")));
    v.put("unit", List.of(WitResult.ok(null), WitResult.err(null)));
    v.put("errstr", List.of(WitResult.ok(null), WitResult.err("e")));
    v.put("perms", List.of(Set.of(), Set.of("read", "exec"), Set.of("read", "write", "exec")));
    v.put("points", List.of(List.of(point(1, "a"), point(2, "b")), List.of()));
    v.put(
        "shapes",
        List.of(
            List.of(
                Optional.of(new WitVariant("circle", 1.0)),
                Optional.empty(),
                Optional.of(WitVariant.of("none")))));
    return v;
  }

  @Test
  void readsEveryImportType() {
    assertEquals(
        WitFuncType.of(WitPrimitive.U32, WitFuncType.param("v", WitPrimitive.U32)),
        importType("u32"));
    assertEquals(new ListType(WitPrimitive.U8), importType("bytes").result().orElseThrow());
    WitType point = importType("point").result().orElseThrow();
    assertEquals(
        new RecordType(
            List.of(
                new RecordType.Field("x", WitPrimitive.S32),
                new RecordType.Field("y", WitPrimitive.STRING))),
        point);
    assertEquals(
        new VariantType(
            List.of(
                new VariantType.Case("circle", Optional.of(WitPrimitive.F64)),
                new VariantType.Case("square", Optional.of(WitPrimitive.U32)),
                new VariantType.Case("none", Optional.empty()))),
        importType("shape").result().orElseThrow());
    assertEquals(
        new EnumType(List.of("red", "green", "blue")), importType("color").result().orElseThrow());
    assertEquals(
        new FlagsType(List.of("read", "write", "exec")),
        importType("perms").result().orElseThrow());
    assertEquals(
        new OptionType(new OptionType(WitPrimitive.U8)),
        importType("optopt").result().orElseThrow());
    assertEquals(
        new ResultType(Optional.empty(), Optional.empty()),
        importType("unit").result().orElseThrow());
    assertEquals(
        new ResultType(Optional.of(WitPrimitive.U32), Optional.of(WitPrimitive.STRING)),
        importType("res").result().orElseThrow());
    for (EchoComponent.Case c : CASES) {
      assertEquals(
          new ComponentItem.Function(importType(c.name())),
          echo.exportTypes().get("echo-" + c.name()),
          c.name());
    }
  }

  @Test
  void everyTypeRoundTrips() {
    AtomicInteger calls = new AtomicInteger();
    int expected = 0;
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(echo, echoes(calls));
      for (Map.Entry<String, List<Object>> e : values().entrySet()) {
        ComponentFunc f = i.func("echo-" + e.getKey()).orElseThrow();
        for (Object in : e.getValue()) {
          Object out = f.call(in);
          expected++;
          assertTrue(
              Objects.deepEquals(in, out),
              e.getKey() + ": sent " + show(in) + ", got " + show(out));
        }
      }
    }
    assertEquals(expected, calls.get());
  }

  @Test
  void everyCaseHasValues() {
    List<String> missing = new ArrayList<>();
    for (EchoComponent.Case c : CASES) {
      if (!values().containsKey(c.name())) {
        missing.add(c.name());
      }
    }
    assertEquals(List.of(), missing);
  }

  private static String show(Object o) {
    if (o instanceof byte[] b) {
      return "byte[" + b.length + "]";
    }
    String s = String.valueOf(o);
    return s.length() > 100 ? s.substring(0, 100) + "..." : s;
  }

  @Test
  void refusesValuesOfTheWrongShape() {
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(echo, echoes(new AtomicInteger()));
      Map<String, Object> bad = new LinkedHashMap<>();
      bad.put("u8", 5);
      bad.put("char", 0xD800);
      bad.put("bytes", new int[] {1});
      bad.put("point", Map.of("x", 1));
      bad.put("tuple", List.of((byte) 1));
      bad.put("shape", WitVariant.of("circle"));
      bad.put("color", "purple");
      bad.put("opt", 7);
      bad.put("res", WitResult.ok("five"));
      bad.put("unit", WitResult.ok(1));
      bad.put("perms", Set.of("fly"));
      bad.put("points", List.of(point(1, "a"), Map.of("x", 2, "y", 3)));
      for (Map.Entry<String, Object> e : bad.entrySet()) {
        ComponentFunc f = i.func("echo-" + e.getKey()).orElseThrow();
        IllegalArgumentException x =
            assertThrows(IllegalArgumentException.class, () -> f.call(e.getValue()), e.getKey());
        assertTrue(x.getMessage().contains("parameter v"), x.getMessage());
      }
      assertEquals(
          List.of(point(1, "a")),
          i.func("echo-points").orElseThrow().call(List.of(point(1, "a"))),
          "still usable after refusals");
    }
  }

  @Test
  void hostExceptionTrapsWithItAsCause() {
    ComponentImports.Builder b = ComponentImports.builder();
    IllegalStateException boom = new IllegalStateException("boom");
    for (EchoComponent.Case c : CASES) {
      b.func(
          "echo-" + c.name(),
          importType(c.name()),
          args -> {
            throw boom;
          });
    }
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(echo, b.build());
      TrapException t =
          assertThrows(TrapException.class, () -> i.func("echo-u32").orElseThrow().call(1));
      assertEquals(TrapKind.HOST, t.kind());
      assertEquals(boom, t.getCause());
    }
  }

  @Test
  void hostResultOfTheWrongShapeTraps() {
    ComponentImports.Builder b = ComponentImports.builder();
    for (EchoComponent.Case c : CASES) {
      b.func("echo-" + c.name(), importType(c.name()), args -> "not that");
    }
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(echo, b.build());
      TrapException t =
          assertThrows(
              TrapException.class, () -> i.func("echo-point").orElseThrow().call(point(1, "a")));
      assertEquals(TrapKind.HOST, t.kind());
      assertTrue(t.getCause() instanceof IllegalArgumentException, String.valueOf(t.getCause()));
    }
  }

  @Test
  void witErrorExceptionIsTheResultsError() {
    ComponentImports.Builder b = ComponentImports.builder();
    for (EchoComponent.Case c : CASES) {
      b.func(
          "echo-" + c.name(),
          importType(c.name()),
          args -> {
            throw new WitErrorException("echo-" + c.name(), "refused");
          });
    }
    try (Store<Void> store = engine.newStore(null)) {
      ComponentInstance i = store.instantiate(echo, b.build());
      assertEquals(
          WitResult.err("refused"), i.func("echo-res").orElseThrow().call(WitResult.ok(1)));
      TrapException t =
          assertThrows(TrapException.class, () -> i.func("echo-u32").orElseThrow().call(1));
      assertTrue(t.getCause() instanceof WitErrorException, "not a result: a trap");
    }
  }

  @Test
  void missingOrMistypedImportIsLinkException() {
    try (Store<Void> store = engine.newStore(null)) {
      LinkException missing =
          assertThrows(
              LinkException.class, () -> store.instantiate(echo, ComponentImports.empty()));
      assertTrue(missing.getMessage().contains("echo-bool"), missing.getMessage());
      ComponentImports.Builder b = ComponentImports.builder();
      for (EchoComponent.Case c : CASES) {
        b.func(
            "echo-" + c.name(),
            c.name().equals("u32")
                ? WitFuncType.of(WitPrimitive.S32, WitFuncType.param("v", WitPrimitive.S32))
                : importType(c.name()),
            args -> args[0]);
      }
      LinkException mistyped =
          assertThrows(LinkException.class, () -> store.instantiate(echo, b.build()));
      assertTrue(mistyped.getMessage().contains("echo-u32"), mistyped.getMessage());
    }
  }
}
