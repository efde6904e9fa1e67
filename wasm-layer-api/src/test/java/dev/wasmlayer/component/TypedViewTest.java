package dev.wasmlayer.component;

import static dev.wasmlayer.component.WitFuncType.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Component;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Store;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Typed views over a component instance made of Java functions: what a view sends is the plain WIT
 * form, and what it returns is the Java type it declares. No engine is involved.
 */
class TypedViewTest {
  static final RecordType POINT =
      new RecordType(
          List.of(
              new RecordType.Field("x-pos", WitPrimitive.S32),
              new RecordType.Field("label", WitPrimitive.STRING)));
  static final EnumType COLOR = new EnumType(List.of("red", "dark-green"));
  static final VariantType SHAPE =
      new VariantType(
          List.of(
              new VariantType.Case("circle", Optional.of(WitPrimitive.U32)),
              new VariantType.Case("at", Optional.of(POINT)),
              new VariantType.Case("nothing", Optional.empty())));
  static final FlagsType PERMS = new FlagsType(List.of("read", "write", "exec"));

  public record Point(int xPos, String label) {}

  public enum Color {
    RED,
    DARK_GREEN
  }

  public sealed interface Shape {}

  public record Circle(int radius) implements Shape {}

  public record At(Point point) implements Shape {}

  public record Nothing() implements Shape {}

  public enum Perm {
    READ,
    WRITE,
    EXEC
  }

  /** Public: a view's default methods run through the proxy, which must see the interface. */
  public interface Api {
    Point movePoint(Point p, int dx);

    Color next(Color c);

    Shape shape(Shape s);

    EnumSet<Perm> perms(Set<Perm> p);

    Optional<String> maybe(String s);

    String nullable(String s);

    long widen(int u32);

    int[] ints(List<Integer> xs);

    String mustWork(boolean ok);

    WitResult both(boolean ok);

    void nothing();

    default String twice(String s) {
      return nullable(s) + nullable(s);
    }
  }

  /** Records every plain argument it sees, and answers with a function of them. */
  static final class Fake implements ComponentInstance {
    final Map<String, ComponentFunc> funcs = new LinkedHashMap<>();
    final List<Object[]> seen = new ArrayList<>();

    void add(String name, WitFuncType type, Function<Object[], Object> body) {
      funcs.put(
          name,
          new ComponentFunc() {
            @Override
            public WitFuncType type() {
              return type;
            }

            @Override
            public Object call(Object... args) {
              seen.add(args);
              return body.apply(args);
            }
          });
    }

    @Override
    public Component component() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Store<?> store() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ComponentFunc> func(String name) {
      return Optional.empty();
    }

    @Override
    public Optional<ComponentFunc> func(String iface, String name) {
      return "t:t/api".equals(iface) ? Optional.ofNullable(funcs.get(name)) : Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  static Fake fake() {
    Fake f = new Fake();
    f.add(
        "move-point",
        WitFuncType.of(POINT, param("p", POINT), param("dx", WitPrimitive.S32)),
        a -> {
          Map<String, Object> p = new LinkedHashMap<>((Map<String, Object>) a[0]);
          p.put("x-pos", (Integer) p.get("x-pos") + (Integer) a[1]);
          return p;
        });
    f.add(
        "next",
        WitFuncType.of(COLOR, param("c", COLOR)),
        a -> a[0].equals("red") ? "dark-green" : "red");
    f.add("shape", WitFuncType.of(SHAPE, param("s", SHAPE)), a -> a[0]);
    f.add("perms", WitFuncType.of(PERMS, param("p", PERMS)), a -> a[0]);
    f.add(
        "maybe",
        WitFuncType.of(new OptionType(WitPrimitive.STRING), param("s", WitPrimitive.STRING)),
        a -> ((String) a[0]).isEmpty() ? Optional.empty() : Optional.of(a[0]));
    f.add(
        "nullable",
        WitFuncType.of(
            new OptionType(WitPrimitive.STRING), param("s", new OptionType(WitPrimitive.STRING))),
        a -> a[0]);
    f.add("widen", WitFuncType.of(WitPrimitive.U32, param("u32", WitPrimitive.U32)), a -> a[0]);
    f.add(
        "ints",
        WitFuncType.of(new ListType(WitPrimitive.S32), param("xs", new ListType(WitPrimitive.S32))),
        a -> a[0]);
    ResultType r = new ResultType(Optional.of(WitPrimitive.STRING), Optional.of(COLOR));
    Function<Object[], Object> okOrErr =
        a -> (Boolean) a[0] ? WitResult.ok("fine") : WitResult.err("red");
    f.add("must-work", WitFuncType.of(r, param("ok", WitPrimitive.BOOL)), okOrErr);
    f.add("both", WitFuncType.of(r, param("ok", WitPrimitive.BOOL)), okOrErr);
    f.add("nothing", WitFuncType.of(null), a -> null);
    return f;
  }

  @Test
  void recordsCrossByFieldNameInKebabCase() {
    Fake f = fake();
    Api api = f.bind("t:t/api", Api.class);
    assertEquals(new Point(7, "p"), api.movePoint(new Point(5, "p"), 2));
    assertEquals(Map.of("x-pos", 5, "label", "p"), f.seen.get(0)[0]);
    assertEquals(List.of("x-pos", "label"), List.copyOf(((Map<?, ?>) f.seen.get(0)[0]).keySet()));
  }

  @Test
  void enumsVariantsAndFlags() {
    Fake f = fake();
    Api api = f.bind("t:t/api", Api.class);
    assertEquals(Color.DARK_GREEN, api.next(Color.RED));
    assertEquals("red", f.seen.get(0)[0]);
    assertEquals(new Circle(3), api.shape(new Circle(3)));
    assertEquals(new WitVariant("circle", 3), f.seen.get(1)[0]);
    assertEquals(new At(new Point(1, "a")), api.shape(new At(new Point(1, "a"))));
    assertEquals(new Nothing(), api.shape(new Nothing()));
    assertEquals(WitVariant.of("nothing"), f.seen.get(3)[0]);
    assertEquals(EnumSet.of(Perm.READ, Perm.EXEC), api.perms(EnumSet.of(Perm.EXEC, Perm.READ)));
    assertEquals(Set.of("read", "exec"), f.seen.get(4)[0]);
  }

  @Test
  void optionsListsAndUnsigned() {
    Fake f = fake();
    Api api = f.bind("t:t/api", Api.class);
    assertEquals(Optional.of("x"), api.maybe("x"));
    assertEquals(Optional.empty(), api.maybe(""));
    assertNull(api.nullable(null));
    assertEquals(Optional.empty(), f.seen.get(2)[0]);
    assertEquals("yy", api.twice("y"));
    assertEquals(4294967295L, api.widen(-1));
    assertArrayEquals(new int[] {1, 2, 3}, api.ints(List.of(1, 2, 3)));
    assertTrue(f.seen.get(f.seen.size() - 1)[0] instanceof int[]);
    api.nothing();
  }

  @Test
  void resultErrorsThrowUnlessTheViewAsksForTheResult() {
    Api api = fake().bind("t:t/api", Api.class);
    assertEquals("fine", api.mustWork(true));
    WitErrorException e = assertThrows(WitErrorException.class, () -> api.mustWork(false));
    assertEquals("red", e.error());
    assertEquals(WitResult.err("red"), api.both(false));
  }

  interface Missing {
    void notThere();
  }

  interface WrongArity {
    Color next();
  }

  @Test
  void aMethodWithoutItsFunctionFailsWhenTheViewIsMade() {
    Fake f = fake();
    assertThrows(LinkException.class, () -> f.bind("t:t/api", Missing.class));
    assertThrows(LinkException.class, () -> f.bind("t:t/api", WrongArity.class));
    assertThrows(LinkException.class, () -> f.bind("t:t/other", Api.class));
  }
}
