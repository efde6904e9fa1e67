package dev.wasmlayer.component;

import static dev.wasmlayer.component.WitFuncType.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.LinkException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Host functions from a Java object, typed by what a component imports. No engine is involved. */
class HostImplementTest {
  static final WitFuncType MOVE =
      WitFuncType.of(
          TypedViewTest.POINT, param("p", TypedViewTest.POINT), param("dx", WitPrimitive.S32));
  static final WitFuncType PICK =
      WitFuncType.of(
          new ResultType(Optional.of(WitPrimitive.U32), Optional.of(TypedViewTest.COLOR)),
          param("c", TypedViewTest.COLOR));

  /** Serves t:t/host. */
  public static final class Host {
    public TypedViewTest.Point movePoint(TypedViewTest.Point p, int dx) {
      return new TypedViewTest.Point(p.xPos() + dx, p.label() + "!");
    }

    public long pick(TypedViewTest.Color c) {
      if (c == TypedViewTest.Color.RED) {
        throw new WitErrorException("pick", "dark-green");
      }
      return 4294967295L;
    }
  }

  /** Misses pick. */
  public static final class Half {
    public TypedViewTest.Point movePoint(TypedViewTest.Point p, int dx) {
      return p;
    }
  }

  record Imports(Map<String, ComponentItem> importTypes) implements Component {
    @Override
    public Engine engine() {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<String> imports() {
      return List.copyOf(importTypes.keySet());
    }

    @Override
    public List<String> exports() {
      return List.of();
    }

    @Override
    public Map<String, ComponentItem> exportTypes() {
      return Map.of();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  static final Component COMPONENT =
      new Imports(
          Map.of(
              "t:t/host",
              new ComponentItem.Interface(
                  Map.of(
                      "move-point", new ComponentItem.Function(MOVE),
                      "pick", new ComponentItem.Function(PICK)))));

  @Test
  void methodsServeTheInterfaceWithItsWitTypes() throws Exception {
    ComponentImports imports =
        ComponentImports.builder().implement(COMPONENT, "t:t/host", new Host()).build();
    assertEquals(2, imports.functions().size());
    ComponentImports.HostFunc move =
        imports.functions().stream().filter(f -> f.name().equals("move-point")).findFirst().get();
    assertEquals(MOVE, move.type());
    assertEquals(
        Map.of("x-pos", 3, "label", "a!"),
        move.function().call(Map.of("x-pos", 1, "label", "a"), 2));
    ComponentImports.HostFunc pick =
        imports.functions().stream().filter(f -> f.name().equals("pick")).findFirst().get();
    assertEquals(WitResult.ok(-1), pick.function().call("dark-green"));
    assertEquals(WitResult.err("dark-green"), pick.function().call("red"));
  }

  @Test
  void aMissingMethodOrInterfaceIsALinkError() {
    LinkException e =
        assertThrows(
            LinkException.class,
            () -> ComponentImports.builder().implement(COMPONENT, "t:t/host", new Half()));
    assertEquals(true, e.getMessage().contains("pick"), e.getMessage());
    assertThrows(
        LinkException.class,
        () -> ComponentImports.builder().implement(COMPONENT, "t:t/nope", new Host()));
  }
}
