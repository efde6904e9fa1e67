package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Component;
import dev.wasmlayer.Feature;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Store;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentHostFunction;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.EnumType;
import dev.wasmlayer.component.FlagsType;
import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.OptionType;
import dev.wasmlayer.component.RecordType;
import dev.wasmlayer.component.ResultType;
import dev.wasmlayer.component.TupleType;
import dev.wasmlayer.component.VariantType;
import dev.wasmlayer.component.WitErrorException;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.component.WitType;
import dev.wasmlayer.component.WitVariant;
import dev.wasmlayer.tck.support.Components;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.Tck;
import dev.wasmlayer.tck.support.TckBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every WIT value type across a component's boundary, both ways, as {@link dev.wasmlayer.component
 * the package} maps them: {@code src/main/components/types.wat} exports {@code tck:types/api}
 * (echo, widening and computed functions) and imports {@code tck:types/host}, whose functions its
 * {@code via-*} exports call back with their argument. Its expected results were checked against
 * jco's transpiled JavaScript.
 *
 * <p>A component instance that trapped may not be entered again (wasmtime poisons it): every test
 * that traps does so last in its store, or in a store of its own.
 */
@RequiresFeature(Feature.COMPONENTS)
class ComponentTypesTest extends TckBase {
  static final String API = "tck:types/api";
  static final String HOST = "tck:types/host";

  static final RecordType POINT =
      new RecordType(
          List.of(
              new RecordType.Field("x", WitPrimitive.S32),
              new RecordType.Field("y", WitPrimitive.S32)));
  static final RecordType LINE =
      new RecordType(
          List.of(
              new RecordType.Field("from", POINT),
              new RecordType.Field("to", POINT),
              new RecordType.Field("label", WitPrimitive.STRING)));
  static final VariantType SHAPE =
      new VariantType(
          List.of(
              new VariantType.Case("circle", Optional.of(WitPrimitive.F32)),
              new VariantType.Case("rect", Optional.of(POINT)),
              new VariantType.Case("empty", Optional.empty())));
  static final EnumType COLOR = new EnumType(List.of("red", "green", "blue"));
  static final FlagsType PERMS = new FlagsType(List.of("read", "write", "exec"));
  static final FlagsType MANY =
      new FlagsType(IntStream.range(0, 32).mapToObj(i -> "f" + i).toList());
  static final TupleType TRIO =
      new TupleType(List.of(WitPrimitive.U8, WitPrimitive.STRING, WitPrimitive.F64));

  private Component types;

  @AfterAll
  void closeComponent() {
    if (types != null) {
      types.close();
    }
  }

  private Component types() {
    if (types == null) {
      types = engine.compileComponent(Components.read(Components.require(), "types"));
    }
    return types;
  }

  /** {@return the host functions of {@code tck:types/host}, each returning its argument} */
  private ComponentImports.Builder echoHost(Map<String, ComponentHostFunction> instead) {
    ComponentItem.Interface host =
        assertInstanceOf(ComponentItem.Interface.class, types().importTypes().get(HOST));
    ComponentImports.Builder b = ComponentImports.builder();
    host.items()
        .forEach(
            (name, item) -> {
              if (item instanceof ComponentItem.Function f) {
                b.func(HOST, name, f.type(), instead.getOrDefault(name, args -> args[0]));
              }
            });
    return b;
  }

  private ComponentInstance instance() {
    return instance(store);
  }

  private ComponentInstance instance(Store<?> s) {
    return s.instantiate(types(), echoHost(Map.of()).build());
  }

  private static ComponentFunc fn(ComponentInstance i, String name) {
    return i.func(API, name).orElseThrow(() -> new AssertionError("no export " + API + "#" + name));
  }

  private static Object call(ComponentInstance i, String name, Object... args) {
    return fn(i, name).call(args);
  }

  private static Map<String, Object> point(int x, int y) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("x", x);
    m.put("y", y);
    return m;
  }

  private static Map<String, Object> line(int x1, int y1, int x2, int y2, String label) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", point(x1, y1));
    m.put("to", point(x2, y2));
    m.put("label", label);
    return m;
  }

  // ---- values through ComponentFunc.call ----

  @Test
  void scalarsComeBackUnchanged() {
    ComponentInstance i = instance();
    assertEquals(Boolean.TRUE, call(i, "echo-bool", true));
    assertEquals(Boolean.FALSE, call(i, "echo-bool", false));
    for (byte b : new byte[] {Byte.MIN_VALUE, -1, 0, Byte.MAX_VALUE}) {
      assertEquals(Byte.valueOf(b), call(i, "echo-s8", b));
      assertEquals(Byte.valueOf(b), call(i, "echo-u8", b), "u8 keeps its bits in a byte");
    }
    for (short s : new short[] {Short.MIN_VALUE, -1, 0, Short.MAX_VALUE}) {
      assertEquals(Short.valueOf(s), call(i, "echo-s16", s));
      assertEquals(Short.valueOf(s), call(i, "echo-u16", s));
    }
    for (int v : new int[] {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE}) {
      assertEquals(Integer.valueOf(v), call(i, "echo-s32", v));
      assertEquals(Integer.valueOf(v), call(i, "echo-u32", v));
    }
    for (long v : new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE}) {
      assertEquals(Long.valueOf(v), call(i, "echo-s64", v));
      assertEquals(Long.valueOf(v), call(i, "echo-u64", v));
    }
    for (float f :
        new float[] {1.5f, -0.0f, Float.MAX_VALUE, Float.MIN_VALUE, Float.NEGATIVE_INFINITY}) {
      assertEquals(Float.valueOf(f), call(i, "echo-f32", f));
    }
    for (double d : new double[] {-0.1, -0.0, Double.MAX_VALUE, Double.MIN_VALUE, 1e300}) {
      assertEquals(Double.valueOf(d), call(i, "echo-f64", d));
    }
    assertTrue(((Float) call(i, "echo-f32", Float.NaN)).isNaN());
    assertTrue(((Double) call(i, "echo-f64", Double.NaN)).isNaN());
    for (int cp : new int[] {0, 'A', 0xE9, 0xD7FF, 0xE000, 0x1F600, 0x10FFFF}) {
      assertEquals(Integer.valueOf(cp), call(i, "echo-char", cp), "U+" + Integer.toHexString(cp));
    }
    assertEquals(42, i.func("answer").orElseThrow().call(), "a top-level export");
  }

  @Test
  void numbersAreExtendedAndCheckedAsTheirWitTypeSays() {
    ComponentInstance i = instance();
    assertEquals(-1, call(i, "widen-s8", (byte) -1), "s8 is sign-extended");
    assertEquals(255, call(i, "widen-u8", (byte) -1), "u8 is zero-extended");
    assertEquals(-2, call(i, "widen-s16", (short) -2));
    assertEquals(4294967295L, call(i, "widen-u32", -1), "u32 -1 is 4294967295");
    assertEquals(1, call(i, "bool-to-u32", true));
    assertEquals(0, call(i, "bool-to-u32", false));
    assertEquals(Boolean.TRUE, call(i, "u32-to-bool", 1));
    assertEquals(Boolean.FALSE, call(i, "u32-to-bool", 0));
    assertEquals(0x1F600, call(i, "char-to-u32", 0x1F600));
    assertEquals(0x41, call(i, "u32-to-char", 0x41));
    assertEquals(2, call(i, "color-to-u32", "blue"));
    assertEquals("green", call(i, "u32-to-color", 1));
    assertEquals(5, call(i, "perms-to-u32", Set.of("read", "exec")), "flags are bits in order");
    assertEquals((byte) 127, call(i, "add-u8", (byte) 100, (byte) 27));
  }

  @Test
  void stringsInEveryEncoding() {
    ComponentInstance i = instance();
    String mixed = "héllo ✓ 😀";
    String big = "ünï✓😀x".repeat(20_000);
    for (String s : List.of("", "ascii", "Ünïcødé", mixed, "\u0000nul", big)) {
      assertEquals(s, call(i, "echo-string", s), "utf8");
      assertEquals(s, call(i, "echo-string16", s), "utf16");
      assertEquals(s, call(i, "echo-compact", s), "latin1+utf16");
    }
    assertEquals(15, call(i, "utf8-len", mixed), "the guest got UTF-8 bytes");
    assertEquals(10, call(i, "utf16-len", mixed), "the guest got UTF-16 code units");
    assertEquals(0, call(i, "utf8-len", ""));
    assertEquals(7, call(i, "compact-len", "Ünïcødé"), "latin1 when every char fits");
    assertEquals(
        2 | 0x8000_0000, call(i, "compact-len", "✓✓"), "utf16, tagged by bit 31, when not");
  }

  @Test
  void listsOfEveryKind() {
    ComponentInstance i = instance();
    assertArrayEquals(new byte[] {0, 1, -1}, (byte[]) call(i, "echo-bytes", new byte[] {0, 1, -1}));
    assertArrayEquals(new byte[0], (byte[]) call(i, "echo-bytes", new byte[0]));
    assertArrayEquals(
        new byte[] {7, 8},
        (byte[]) call(i, "echo-bytes", List.of((byte) 7, (byte) 8)),
        "a List is accepted for a numeric list");
    byte[] mb = new byte[1 << 20];
    new java.util.Random(7).nextBytes(mb);
    assertArrayEquals(mb, (byte[]) call(i, "echo-bytes", mb));
    assertArrayEquals(
        new int[] {Integer.MIN_VALUE, -1, 2},
        (int[]) call(i, "echo-s32s", new int[] {Integer.MIN_VALUE, -1, 2}));
    assertArrayEquals(
        new double[] {1.5, -2, Double.MAX_VALUE},
        (double[]) call(i, "echo-f64s", new double[] {1.5, -2, Double.MAX_VALUE}));
    assertEquals(List.of("a", "", "ü😀"), call(i, "echo-strings", List.of("a", "", "ü😀")));
    assertEquals(List.of(), call(i, "echo-strings", List.of()));
    List<Map<String, Object>> points = List.of(point(1, 2), point(-3, 4));
    assertEquals(points, call(i, "echo-points", points));
    List<Map<String, Object>> lines = List.of(line(1, 2, 3, 4, "l1"), line(5, 6, 7, 8, ""));
    assertEquals(lines, call(i, "echo-lines", lines));
    assertEquals(
        4294967289L, call(i, "sum-s32s", new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, -5}));
  }

  @Test
  void recordsTuplesVariantsEnumsFlags() {
    ComponentInstance i = instance();
    Object p = call(i, "echo-point", point(7, -8));
    assertEquals(point(7, -8), p);
    assertEquals(List.of("x", "y"), new ArrayList<>(((Map<?, ?>) p).keySet()), "field order");
    assertEquals(point(-8, 7), call(i, "swap-point", point(7, -8)));
    Object l = call(i, "echo-line", line(1, 2, 3, 4, "ünï"));
    assertEquals(line(1, 2, 3, 4, "ünï"), l);
    assertEquals(List.of("from", "to", "label"), new ArrayList<>(((Map<?, ?>) l).keySet()));

    assertEquals(
        List.of((byte) -1, "tüple", 2.5), call(i, "echo-tuple", List.of((byte) -1, "tüple", 2.5)));

    for (WitVariant v :
        List.of(
            new WitVariant("circle", 1.5f),
            new WitVariant("rect", point(1, 2)),
            WitVariant.of("empty"))) {
      assertEquals(v, call(i, "echo-shape", v));
    }
    for (String c : COLOR.cases()) {
      assertEquals(c, call(i, "echo-color", c));
    }
    assertEquals(Set.of("write"), call(i, "echo-perms", Set.of("write")));
    assertEquals(Set.of(), call(i, "echo-perms", Set.of()));
    assertEquals(
        Set.of("read", "write", "exec"), call(i, "echo-perms", Set.of("exec", "read", "write")));
    assertEquals(Set.of("f0", "f31"), call(i, "echo-many", Set.of("f0", "f31")));
    Set<String> all = new TreeSet<>(MANY.names());
    assertEquals(all, call(i, "echo-many", all));
  }

  @Test
  void optionsAndResults() {
    ComponentInstance i = instance();
    assertEquals(Optional.of(5), call(i, "echo-opt", Optional.of(5)));
    assertEquals(Optional.empty(), call(i, "echo-opt", Optional.empty()));
    assertEquals(Optional.of(Optional.of(3)), call(i, "echo-opt-opt", Optional.of(Optional.of(3))));
    assertEquals(
        Optional.of(Optional.empty()), call(i, "echo-opt-opt", Optional.of(Optional.empty())));
    assertEquals(Optional.empty(), call(i, "echo-opt-opt", Optional.empty()));
    assertEquals(Optional.of("x"), call(i, "echo-opt-string", Optional.of("x")));
    assertEquals(Optional.of(""), call(i, "echo-opt-string", Optional.of("")));
    assertEquals(Optional.empty(), call(i, "echo-opt-string", Optional.empty()));

    for (WitResult r :
        List.of(WitResult.ok("fine"), WitResult.ok(""), WitResult.err(42), WitResult.err(-1))) {
      assertEquals(r, call(i, "echo-res", r));
    }
    assertEquals(WitResult.ok(null), call(i, "echo-res-empty", WitResult.ok(null)));
    assertEquals(WitResult.err(null), call(i, "echo-res-empty", WitResult.err(null)));
    assertEquals(WitResult.ok(9), call(i, "echo-res-ok", WitResult.ok(9)));
    assertEquals(WitResult.err(null), call(i, "echo-res-ok", WitResult.err(null)));
    assertEquals(WitResult.ok(null), call(i, "echo-res-err", WitResult.ok(null)));
    assertEquals(WitResult.err("bad"), call(i, "echo-res-err", WitResult.err("bad")));
  }

  @Test
  void moreThanSixteenParametersSpillToMemory() {
    ComponentInstance i = instance();
    Object[] ones = IntStream.rangeClosed(1, 17).boxed().toArray();
    assertEquals(1785L, call(i, "weigh17", ones), "sum of (i + 1) * p[i]: the order is kept");
    Object[] max = new Object[17];
    Arrays.fill(max, -1);
    assertEquals(153L * 4294967295L, call(i, "weigh17", max), "u32 bits survive the spill");
    assertEquals(17, fn(i, "weigh17").type().params().size());
  }

  // ---- host functions ----

  @Test
  void valuesCrossToTheHostAndBack() {
    List<Object> seen = new CopyOnWriteArrayList<>();
    Map<String, ComponentHostFunction> recording = new HashMap<>();
    ComponentItem.Interface host = (ComponentItem.Interface) types().importTypes().get(HOST);
    host.items()
        .keySet()
        .forEach(
            n ->
                recording.put(
                    n,
                    args -> {
                      seen.add(args[0]);
                      return args[0];
                    }));
    ComponentInstance i = store.instantiate(types(), echoHost(recording).build());
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("bool", true);
    values.put("s8", (byte) -7);
    values.put("u16", (short) -1);
    values.put("char", 0x1F600);
    values.put("color", "blue");
    values.put("perms", Set.of("read", "exec"));
    values.put("res-empty", WitResult.err(null));
    values.put("s64", Long.MIN_VALUE);
    values.put("u64", -1L);
    values.put("f32", 0.5f);
    values.put("f64", 1e300);
    values.put("string", "hé ✓ 😀");
    values.put("strings", List.of("p", "", "q"));
    values.put("point", point(1, -2));
    values.put("line", line(1, 2, 3, 4, "via"));
    values.put("tuple", List.of((byte) 1, "two", 3.0));
    values.put("shape", new WitVariant("rect", point(5, 6)));
    values.put("opt-opt", Optional.of(Optional.empty()));
    values.put("res", WitResult.ok("o"));
    values.forEach(
        (k, v) -> {
          seen.clear();
          assertEquals(v, call(i, "via-" + k, v), "via-" + k);
          assertEquals(List.of(v), seen, "what the host got for " + k);
        });
    seen.clear();
    assertArrayEquals(new byte[] {9, 8, -1}, (byte[]) call(i, "via-bytes", new byte[] {9, 8, -1}));
    assertArrayEquals(new byte[] {9, 8, -1}, (byte[]) seen.get(0), "the host gets a byte[]");
    assertEquals(
        new WitVariant("circle", 2.5f), call(i, "via-shape", new WitVariant("circle", 2.5f)));
    assertEquals(WitResult.err(3), call(i, "via-res", WitResult.err(3)));
    assertEquals(Optional.of(Optional.of(4)), call(i, "via-opt-opt", Optional.of(Optional.of(4))));
  }

  @Test
  void hostResultsReachTheGuest() {
    Map<String, ComponentHostFunction> computing = new HashMap<>();
    computing.put("echo-string", args -> args[0] + "!");
    computing.put("echo-point", args -> point(0, ((Integer) ((Map<?, ?>) args[0]).get("x")) * 10));
    computing.put("echo-res", args -> WitResult.err(7));
    computing.put("echo-opt-opt", args -> Optional.of(Optional.of(99)));
    computing.put("echo-strings", args -> List.of("from", "host", "ünï"));
    computing.put("echo-bytes", args -> new byte[70_000]);
    computing.put("echo-color", args -> "red");
    computing.put("echo-perms", args -> Set.of("write"));
    computing.put("echo-char", args -> 0x10FFFF);
    ComponentInstance i = store.instantiate(types(), echoHost(computing).build());
    assertEquals("hé!", call(i, "via-string", "hé"));
    assertEquals(point(0, 30), call(i, "via-point", point(3, 4)));
    assertEquals(WitResult.err(7), call(i, "via-res", WitResult.ok("x")));
    assertEquals(Optional.of(Optional.of(99)), call(i, "via-opt-opt", Optional.empty()));
    assertEquals(List.of("from", "host", "ünï"), call(i, "via-strings", List.of()));
    assertEquals(70_000, ((byte[]) call(i, "via-bytes", new byte[1])).length);
    assertEquals("red", call(i, "via-color", "blue"));
    assertEquals(Set.of("write"), call(i, "via-perms", Set.of()));
    assertEquals(0x10FFFF, call(i, "via-char", (int) 'a'));
  }

  /** Serves {@code tck:types/host} from Java methods; {@code implement} finds them by name. */
  public static final class Host {
    final List<String> calls = new CopyOnWriteArrayList<>();

    public boolean echoBool(boolean x) {
      calls.add("bool");
      return !x;
    }

    public byte echoS8(byte x) {
      return (byte) (x + 1);
    }

    public short echoU16(short x) {
      return x;
    }

    public String echoChar(String x) {
      calls.add("char " + x);
      return "ß";
    }

    public Color echoColor(Color c) {
      return c == Color.BLUE ? Color.RED : Color.BLUE;
    }

    public EnumSet<Perm> echoPerms(EnumSet<Perm> p) {
      EnumSet<Perm> out = EnumSet.complementOf(p);
      return out;
    }

    public WitResult echoResEmpty(WitResult r) {
      return r;
    }

    public long echoS64(long x) {
      return x * 2;
    }

    public long echoU64(long x) {
      return x;
    }

    public float echoF32(float x) {
      return x / 2;
    }

    public double echoF64(double x) {
      return -x;
    }

    public String echoString(String s) {
      return s.toUpperCase(java.util.Locale.ROOT);
    }

    public byte[] echoBytes(byte[] b) {
      return Arrays.copyOf(b, b.length + 1);
    }

    public List<String> echoStrings(List<String> s) {
      List<String> r = new ArrayList<>(s);
      java.util.Collections.reverse(r);
      return r;
    }

    public Point echoPoint(Point p) {
      return new Point(p.y(), p.x());
    }

    public Line echoLine(Line l) {
      return new Line(l.to(), l.from(), l.label() + "<");
    }

    public Trio echoTuple(Trio t) {
      return new Trio(t.c() > 0 ? 1 : 0, t.b() + t.b(), t.a());
    }

    public Shape echoShape(Shape s) {
      return s instanceof Circle c ? new Rect(new Point((int) c.radius(), 0)) : new Empty();
    }

    public Optional<Optional<Integer>> echoOptOpt(Optional<Optional<Integer>> o) {
      return o.isEmpty() ? Optional.of(Optional.empty()) : Optional.empty();
    }

    public String echoRes(WitResult r) {
      if (!r.isOk()) {
        throw new WitErrorException("echo-res", ((Integer) r.value()) + 1);
      }
      return r.value() + "?";
    }
  }

  /** {@code point}. */
  public record Point(int x, int y) {}

  /** {@code line}. */
  public record Line(Point from, Point to, String label) {}

  /** {@code tuple<u8, string, f64>} as a record. */
  public record Trio(int a, String b, double c) {}

  /** {@code shape}: a variant as a sealed interface, its cases by simple name. */
  public sealed interface Shape permits Circle, Rect, Empty {}

  /** {@code circle(f32)}. */
  public record Circle(float radius) implements Shape {}

  /** {@code rect(point)}. */
  public record Rect(Point corner) implements Shape {}

  /** {@code empty}. */
  public record Empty() implements Shape {}

  /** {@code color}. */
  public enum Color {
    RED,
    GREEN,
    BLUE
  }

  /** {@code perms}. */
  public enum Perm {
    READ,
    WRITE,
    EXEC
  }

  /** A typed view of {@code tck:types/api}. */
  public interface Api {
    boolean echoBool(boolean x);

    byte echoS8(byte x);

    int widenU8(int x);

    long widenU32(int x);

    long echoU64(long x);

    double echoF64(double x);

    String echoChar(String c);

    int charToU32(char c);

    String echoString(String s);

    byte[] echoBytes(byte[] b);

    int[] echoS32s(int[] xs);

    List<String> echoStrings(List<String> s);

    List<Point> echoPoints(List<Point> p);

    long sumS32s(List<Integer> xs);

    Point swapPoint(Point p);

    Line echoLine(Line l);

    Trio echoTuple(Trio t);

    Shape echoShape(Shape s);

    Color echoColor(Color c);

    EnumSet<Perm> echoPerms(EnumSet<Perm> p);

    Optional<Integer> echoOpt(Optional<Integer> o);

    Integer echoOpt(Integer o);

    Optional<Optional<Integer>> echoOptOpt(Optional<Optional<Integer>> o);

    String echoRes(WitResult r);

    WitResult echoResOk(WitResult r);

    long weigh17(
        int a,
        int b,
        int c,
        int d,
        int e,
        int f,
        int g,
        int h,
        int i,
        int j,
        int k,
        int l,
        int m,
        int n,
        int o,
        int p,
        int q);

    boolean viaBool(boolean x);

    String viaChar(String c);

    Color viaColor(Color c);

    EnumSet<Perm> viaPerms(EnumSet<Perm> p);

    WitResult viaResEmpty(WitResult r);

    byte viaS8(byte x);

    long viaS64(long x);

    float viaF32(float x);

    double viaF64(double x);

    String viaString(String s);

    byte[] viaBytes(byte[] b);

    List<String> viaStrings(List<String> s);

    Point viaPoint(Point p);

    Line viaLine(Line l);

    Trio viaTuple(Trio t);

    Shape viaShape(Shape s);

    Optional<Optional<Integer>> viaOptOpt(Optional<Optional<Integer>> o);

    String viaRes(WitResult r);
  }

  /** The component's top-level functions. */
  public interface Top {
    int answer();
  }

  @Test
  void typedViewsConvertJavaTypes() {
    Api api = instance().bind(API, Api.class);
    assertTrue(api.echoBool(true));
    assertEquals((byte) -5, api.echoS8((byte) -5));
    assertEquals(200, api.widenU8(200));
    assertEquals(4294967295L, api.widenU32(-1));
    assertEquals(-1L, api.echoU64(-1L));
    assertEquals(-0.25, api.echoF64(-0.25));
    assertEquals("😀", api.echoChar("😀"));
    assertEquals(0xE9, api.charToU32('é'));
    assertEquals("ünï", api.echoString("ünï"));
    assertArrayEquals(new byte[] {1, -2}, api.echoBytes(new byte[] {1, -2}));
    assertArrayEquals(new int[] {3, -4}, api.echoS32s(new int[] {3, -4}));
    assertEquals(List.of("a", "b"), api.echoStrings(List.of("a", "b")));
    assertEquals(
        List.of(new Point(1, 2), new Point(3, 4)),
        api.echoPoints(List.of(new Point(1, 2), new Point(3, 4))));
    assertEquals(10L, api.sumS32s(List.of(1, 2, 3, 4)));
    assertEquals(new Point(2, 1), api.swapPoint(new Point(1, 2)));
    Line l = new Line(new Point(1, 2), new Point(3, 4), "typed");
    assertEquals(l, api.echoLine(l));
    assertEquals(new Trio(255, "t", 0.5), api.echoTuple(new Trio(255, "t", 0.5)));
    assertEquals(new Circle(2.5f), api.echoShape(new Circle(2.5f)));
    assertEquals(new Rect(new Point(-1, 1)), api.echoShape(new Rect(new Point(-1, 1))));
    assertEquals(new Empty(), api.echoShape(new Empty()));
    for (Color c : Color.values()) {
      assertEquals(c, api.echoColor(c));
    }
    assertEquals(EnumSet.of(Perm.READ, Perm.EXEC), api.echoPerms(EnumSet.of(Perm.READ, Perm.EXEC)));
    assertEquals(EnumSet.noneOf(Perm.class), api.echoPerms(EnumSet.noneOf(Perm.class)));
    assertEquals(Optional.of(3), api.echoOpt(Optional.of(3)));
    assertEquals(Optional.empty(), api.echoOpt(Optional.empty()));
    assertEquals(4, api.echoOpt(4), "a plain type for an option: null is none");
    assertEquals(null, api.echoOpt((Integer) null));
    assertEquals(
        Optional.of(Optional.empty()), api.echoOptOpt(Optional.of(Optional.<Integer>empty())));
    assertEquals("fine", api.echoRes(WitResult.ok("fine")));
    WitErrorException err =
        assertThrows(WitErrorException.class, () -> api.echoRes(WitResult.err(42)));
    assertEquals(42, err.error());
    assertEquals(WitResult.err(null), api.echoResOk(WitResult.err(null)));
    assertEquals(1785L, api.weigh17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17));
    assertEquals(42, instance().bind("", Top.class).answer());
  }

  @Test
  void implementServesTheHostFromJavaMethods() {
    Host host = new Host();
    ComponentInstance i =
        store.instantiate(
            types(), ComponentImports.builder().implement(types(), HOST, host).build());
    Api api = i.bind(API, Api.class);
    assertEquals(false, api.viaBool(true));
    assertEquals("ß", api.viaChar("😀"));
    assertEquals(List.of("bool", "char 😀"), host.calls);
    assertEquals(Color.RED, api.viaColor(Color.BLUE));
    assertEquals(Color.BLUE, api.viaColor(Color.GREEN));
    assertEquals(EnumSet.of(Perm.WRITE), api.viaPerms(EnumSet.of(Perm.READ, Perm.EXEC)));
    assertEquals(WitResult.err(null), api.viaResEmpty(WitResult.err(null)));
    assertEquals((byte) -128, api.viaS8((byte) 127));
    assertEquals(-4L, api.viaS64(-2L));
    assertEquals(0.25f, api.viaF32(0.5f));
    assertEquals(-2.5, api.viaF64(2.5));
    assertEquals("ÜNÏ ✓", api.viaString("ünï ✓"));
    assertArrayEquals(new byte[] {1, 2, 0}, api.viaBytes(new byte[] {1, 2}));
    assertEquals(List.of("c", "b", "a"), api.viaStrings(List.of("a", "b", "c")));
    assertEquals(new Point(2, 1), api.viaPoint(new Point(1, 2)));
    assertEquals(
        new Line(new Point(3, 4), new Point(1, 2), "l<"),
        api.viaLine(new Line(new Point(1, 2), new Point(3, 4), "l")));
    assertEquals(new Trio(1, "abab", 7.0), api.viaTuple(new Trio(7, "ab", 0.5)));
    assertEquals(new Rect(new Point(3, 0)), api.viaShape(new Circle(3.5f)));
    assertEquals(new Empty(), api.viaShape(new Rect(new Point(1, 1))));
    assertEquals(Optional.of(Optional.empty()), api.viaOptOpt(Optional.empty()));
    assertEquals(Optional.empty(), api.viaOptOpt(Optional.of(Optional.of(1))));
    assertEquals("x?", api.viaRes(WitResult.ok("x")));
    WitErrorException e = assertThrows(WitErrorException.class, () -> api.viaRes(WitResult.err(1)));
    assertEquals(2, e.error(), "the host's WitErrorException is the result's error");
  }

  @Test
  void implementRefusesWhatDoesNotFit() {
    LinkException noIface =
        assertThrows(
            LinkException.class,
            () -> ComponentImports.builder().implement(types(), "tck:types/none", new Host()));
    assertTrue(noIface.getMessage().contains("tck:types/none"), noIface.getMessage());
    LinkException noMethod =
        assertThrows(
            LinkException.class,
            () -> ComponentImports.builder().implement(types(), HOST, new Object()));
    assertTrue(noMethod.getMessage().contains("echo-"), noMethod.getMessage());
  }

  @Test
  void oneComponentServesStoresOnManyThreads() throws Exception {
    Component c = types();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      List<java.util.concurrent.Future<Integer>> runs = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        String tag = "thread " + t + " ✓";
        runs.add(
            pool.submit(
                () -> {
                  try (Store<Void> s = engine.newStore(null)) {
                    ComponentInstance i = instance(s);
                    for (int n = 0; n < 200; n++) {
                      assertEquals(tag + n, call(i, "via-string", tag + n));
                      assertEquals(point(n, -n), call(i, "echo-point", point(n, -n)));
                    }
                    return 200;
                  }
                }));
      }
      for (java.util.concurrent.Future<Integer> r : runs) {
        assertEquals(200, r.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertSame(c, types());
  }

  /**
   * A host function that calls back into the instance that called it. The component model calls
   * components non-reentrant; engines differ in whether a host may re-enter (wasmtime 49 lets it),
   * so this asserts only what every engine owes: the inner call either works or fails with a typed
   * exception, never a crash, and the outer call ends with its result or a trap.
   */
  @Test
  void aHostFunctionCallingBackIntoItsCallerDoesNotCrash() {
    List<Object> inner = new CopyOnWriteArrayList<>();
    ComponentInstance[] self = new ComponentInstance[1];
    ComponentInstance i =
        store.instantiate(
            types(),
            echoHost(
                    Map.of(
                        "echo-string",
                        args -> {
                          try {
                            inner.add(call(self[0], "echo-u32", 7));
                          } catch (dev.wasmlayer.WasmException | IllegalStateException e) {
                            inner.add(e);
                          }
                          return args[0];
                        }))
                .build());
    self[0] = i;
    Object outer;
    try {
      outer = call(i, "via-string", "outer");
    } catch (TrapException t) {
      outer = t;
    }
    System.out.println(
        "wasm-layer: "
            + engine.id()
            + " component re-entered from its host: "
            + inner
            + " "
            + outer);
    assertEquals(1, inner.size(), "the host function ran once: " + inner);
    assertTrue(
        Integer.valueOf(7).equals(inner.get(0)) || inner.get(0) instanceof RuntimeException,
        "inner: " + inner);
    assertTrue("outer".equals(outer) || outer instanceof TrapException, "outer: " + outer);
  }

  // ---- types ----

  private static WitFuncType echo(WitType t) {
    return WitFuncType.of(t, WitFuncType.param("x", t));
  }

  @Test
  void importAndExportTypesAreExact() {
    Component c = types();
    assertEquals(List.of(HOST), c.imports());
    assertEquals(Set.of(API, "answer"), Set.copyOf(c.exports()));
    assertEquals(
        new ComponentItem.Function(WitFuncType.of(WitPrimitive.U32)),
        c.exportTypes().get("answer"));
    ComponentItem.Interface api =
        assertInstanceOf(ComponentItem.Interface.class, c.exportTypes().get(API));
    Map<String, WitFuncType> want = new LinkedHashMap<>();
    want.put("echo-bool", echo(WitPrimitive.BOOL));
    want.put("echo-u8", echo(WitPrimitive.U8));
    want.put("echo-s64", echo(WitPrimitive.S64));
    want.put("echo-char", echo(WitPrimitive.CHAR));
    want.put(
        "widen-u32", WitFuncType.of(WitPrimitive.U64, WitFuncType.param("x", WitPrimitive.U32)));
    want.put(
        "add-u8",
        WitFuncType.of(
            WitPrimitive.U8,
            WitFuncType.param("a", WitPrimitive.U8),
            WitFuncType.param("b", WitPrimitive.U8)));
    want.put("echo-string16", echo(WitPrimitive.STRING));
    want.put("echo-bytes", echo(new ListType(WitPrimitive.U8)));
    want.put("echo-lines", echo(new ListType(LINE)));
    want.put("echo-point", echo(POINT));
    want.put("echo-line", echo(LINE));
    want.put("echo-tuple", echo(TRIO));
    want.put("echo-shape", echo(SHAPE));
    want.put("echo-color", echo(COLOR));
    want.put("echo-perms", echo(PERMS));
    want.put("echo-many", echo(MANY));
    want.put("echo-opt-opt", echo(new OptionType(new OptionType(WitPrimitive.U32))));
    want.put(
        "echo-res",
        echo(new ResultType(Optional.of(WitPrimitive.STRING), Optional.of(WitPrimitive.U32))));
    want.put("echo-res-empty", echo(new ResultType(Optional.empty(), Optional.empty())));
    want.put("echo-res-ok", echo(new ResultType(Optional.of(WitPrimitive.U32), Optional.empty())));
    want.put(
        "echo-res-err", echo(new ResultType(Optional.empty(), Optional.of(WitPrimitive.STRING))));
    want.put("huge-list", WitFuncType.of(new ListType(WitPrimitive.U64)));
    want.put("trap", WitFuncType.of(null));
    want.forEach(
        (name, type) ->
            assertEquals(new ComponentItem.Function(type), api.items().get(name), name));
    WitFuncType weigh = ((ComponentItem.Function) api.items().get("weigh17")).type();
    assertEquals(
        IntStream.range(0, 17).mapToObj(i -> String.valueOf((char) ('a' + i))).toList(),
        weigh.params().stream().map(WitFuncType.Param::name).toList());
    assertTrue(weigh.params().stream().allMatch(p -> p.type() == WitPrimitive.U32));

    ComponentItem.Interface host =
        assertInstanceOf(ComponentItem.Interface.class, c.importTypes().get(HOST));
    assertEquals(
        new ComponentItem.Function(echo(new ListType(WitPrimitive.STRING))),
        host.items().get("echo-strings"));
    assertEquals(new ComponentItem.Function(echo(LINE)), host.items().get("echo-line"));
    assertEquals(new ComponentItem.Function(echo(SHAPE)), host.items().get("echo-shape"));
    List<String> hostFunctions =
        host.items().entrySet().stream()
            .filter(e -> e.getValue() instanceof ComponentItem.Function)
            .map(Map.Entry::getKey)
            .collect(Collectors.toList());
    assertEquals(20, hostFunctions.size(), hostFunctions.toString());

    ComponentInstance i = instance();
    assertEquals(echo(LINE), fn(i, "echo-line").type());
    assertSame(c, i.component());
  }

  // ---- refusals and traps ----

  @Test
  void wrongArgumentsAreRefusedBeforeTheGuestRuns() {
    ComponentInstance i = instance();
    Map<String, Object[]> wrong = new LinkedHashMap<>();
    wrong.put("echo-u32", new Object[] {"five"});
    wrong.put("echo-s8", new Object[] {1000});
    wrong.put("echo-bool", new Object[] {1});
    wrong.put("echo-char", new Object[] {0xD800});
    wrong.put("echo-f64", new Object[] {"1.0"});
    wrong.put("echo-string", new Object[] {42});
    wrong.put("echo-string16", new Object[] {"a\uD800b"});
    wrong.put("echo-strings", new Object[] {List.of("ok", "\uDC00")});
    wrong.put("echo-bytes", new Object[] {new int[] {1}});
    wrong.put("echo-point", new Object[] {Map.of("x", 1)});
    wrong.put("echo-tuple", new Object[] {List.of(1, "x")});
    wrong.put("echo-shape", new Object[] {WitVariant.of("hexagon")});
    wrong.put("echo-color", new Object[] {"purple"});
    wrong.put("echo-perms", new Object[] {Set.of("read", "fly")});
    wrong.put("echo-opt", new Object[] {Optional.of("x")});
    wrong.put("echo-res", new Object[] {WitResult.ok(3)});
    wrong.put("echo-u64", new Object[] {});
    wrong.put("add-u8", new Object[] {1});
    wrong.forEach(
        (name, args) ->
            assertThrows(
                IllegalArgumentException.class,
                () -> call(i, name, args),
                name + " " + Arrays.deepToString(args)));
    assertEquals(5, call(i, "echo-u32", 5), "nothing ran: the instance is as it was");
  }

  @Test
  void aMissingImportIsNamed() {
    ComponentImports.Builder partial = ComponentImports.builder();
    ComponentItem.Interface host = (ComponentItem.Interface) types().importTypes().get(HOST);
    host.items()
        .forEach(
            (name, item) -> {
              if (item instanceof ComponentItem.Function f && !name.equals("echo-line")) {
                partial.func(HOST, name, f.type(), args -> args[0]);
              }
            });
    LinkException e =
        assertThrows(LinkException.class, () -> store.instantiate(types(), partial.build()));
    assertTrue(e.getMessage().contains("echo-line"), e.getMessage());
    LinkException none =
        assertThrows(
            LinkException.class, () -> store.instantiate(types(), ComponentImports.empty()));
    assertTrue(none.getMessage().contains("tck:types/host"), none.getMessage());
  }

  @Test
  void aHostFunctionOfAnotherTypeIsRefused() {
    ComponentImports.Builder b = ComponentImports.builder();
    ComponentItem.Interface host = (ComponentItem.Interface) types().importTypes().get(HOST);
    host.items()
        .forEach(
            (name, item) -> {
              if (item instanceof ComponentItem.Function f) {
                WitFuncType t = name.equals("echo-s64") ? echo(WitPrimitive.STRING) : f.type();
                b.func(HOST, name, t, args -> args[0]);
              }
            });
    LinkException e =
        assertThrows(LinkException.class, () -> store.instantiate(types(), b.build()));
    assertTrue(e.getMessage().contains("echo-s64"), e.getMessage());
  }

  @Test
  void aThrowingHostFunctionTrapsWithItsException() {
    IllegalStateException boom = new IllegalStateException("boom");
    ComponentInstance i =
        store.instantiate(
            types(),
            echoHost(
                    Map.of(
                        "echo-u16",
                        args -> {
                          throw boom;
                        }))
                .build());
    assertEquals("fine", call(i, "via-string", "fine"), "other functions work");
    TrapException t = assertThrows(TrapException.class, () -> call(i, "via-u16", (short) 1));
    assertSame(boom, t.getCause());
    assertEquals(TrapKind.HOST, t.kind(), t.toString());
  }

  @Test
  void componentTextIsCompiledOrRefusedByName() {
    byte[] text =
        "(component (core module $m) (core instance (instantiate $m)))"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (Tck.features().contains(Feature.COMPONENT_TEXT)) {
      try (Component c = engine.compileComponent(text)) {
        assertEquals(List.of(), c.exports());
        assertEquals(List.of(), c.imports());
      }
    } else {
      dev.wasmlayer.UnsupportedFeatureException e =
          assertThrows(
              dev.wasmlayer.UnsupportedFeatureException.class, () -> engine.compileComponent(text));
      assertEquals(Feature.COMPONENT_TEXT, e.feature());
      assertTrue(e.getMessage().contains("jco parse"), e.getMessage());
    }
  }

  @Test
  void anUnpairedSurrogateIsRefusedEitherWay() {
    IllegalArgumentException in =
        assertThrows(
            IllegalArgumentException.class, () -> call(instance(), "echo-string", "a\uD800b"));
    assertTrue(in.getMessage().contains("surrogate"), in.getMessage());
    try (Store<Void> s = engine.newStore(null)) {
      ComponentInstance i =
          s.instantiate(types(), echoHost(Map.of("echo-string", args -> "\uDC00")).build());
      TrapException t = assertThrows(TrapException.class, () -> call(i, "via-string", "x"));
      assertEquals(TrapKind.HOST, t.kind(), t.toString());
      assertInstanceOf(IllegalArgumentException.class, t.getCause(), t.toString());
    }
  }

  @Test
  void aHostResultOfTheWrongShapeTraps() {
    ComponentInstance i =
        store.instantiate(types(), echoHost(Map.of("echo-string", args -> 42)).build());
    TrapException t = assertThrows(TrapException.class, () -> call(i, "via-string", "x"));
    System.out.println("wasm-layer: " + engine.id() + " host result 42 for a string: " + t);
  }

  /** Each call in a store of its own: a trap may poison the instance. */
  private TrapException trapsAlone(String name, Object... args) {
    try (Store<Void> s = engine.newStore(null)) {
      ComponentInstance i = instance(s);
      TrapException t = assertThrows(TrapException.class, () -> call(i, name, args), name);
      System.out.println("wasm-layer: " + engine.id() + " component " + name + ": " + t);
      return t;
    }
  }

  @Test
  void guestTrapsAndInvalidResultsAreTraps() {
    assertEquals(TrapKind.UNREACHABLE, trapsAlone("trap").kind());
    trapsAlone("u32-to-char", 0xD800);
    trapsAlone("u32-to-char", 0x110000);
    trapsAlone("u32-to-color", 3);
    try (Store<Void> s = engine.newStore(null)) {
      assertEquals(42, instance(s).func("answer").orElseThrow().call(), "a fresh store works");
    }
  }

  @Test
  void outOfBoundsResultsTrapWithoutAllocating() {
    trapsAlone("bad-string");
    trapsAlone("huge-string");
    trapsAlone("huge-list");
    try (Store<Void> s = engine.newStore(null)) {
      assertEquals("ok", call(instance(s), "echo-string", "ok"), "a fresh store works");
    }
  }
}
