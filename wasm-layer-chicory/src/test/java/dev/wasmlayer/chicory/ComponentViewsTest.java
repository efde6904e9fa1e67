package dev.wasmlayer.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.EngineConfig;
import dev.wasmlayer.Engines;
import dev.wasmlayer.Store;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.tck.support.ComponentText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The API's typed views and host objects work on the Java component model. */
@Timeout(60)
class ComponentViewsTest {
  /** The host side of the component's {@code host} import. */
  public static final class Host {
    final List<String> logged = new ArrayList<>();

    /**
     * {@code log: func(msg: string)}.
     *
     * @param msg the message
     */
    public void log(String msg) {
      logged.add(msg);
    }
  }

  /** The top-level exports. */
  public interface Top {
    /**
     * {@code add}.
     *
     * @param a one
     * @param b another
     * @return the sum
     */
    int add(int a, int b);
  }

  /** The {@code example:demo/api} interface. */
  public interface Api {
    /**
     * {@code greet}.
     *
     * @param s whom
     */
    void greet(String s);
  }

  @Test
  void viewsAndHostObjects() {
    Host host = new Host();
    try (Engine engine = Engines.create("chicory", EngineConfig.defaults());
        Component c = engine.compileComponent(ComponentText.load("basics"));
        Store<Void> store = engine.newStore(null)) {
      ComponentInstance i =
          store.instantiate(c, ComponentImports.builder().implement(c, "host", host).build());
      assertEquals(42, i.bind("", Top.class).add(40, 2));
      i.bind("example:demo/api", Api.class).greet("typed");
      assertEquals(List.of("typed"), host.logged);
    }
  }
}
