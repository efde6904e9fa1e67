package dev.wasmlayer.componentmodel.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Component;
import dev.wasmlayer.Engine;
import dev.wasmlayer.ExitException;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Store;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.wasi.WasiConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A command's run export called as Wasi.run reports it, and WASI's resource names. */
class WasiComponentsTest {
  private static final WitFuncType NO_TYPE = WitFuncType.of(null);

  @Test
  void runMapsTheResultAndExitToAStatus() {
    assertEquals(0, WasiComponents.run(new FakeInstance(() -> WitResult.ok(null))));
    assertEquals(1, WasiComponents.run(new FakeInstance(() -> WitResult.err(null))));
    ExitException exit = new ExitException(1);
    TrapException trap = new TrapException(TrapKind.HOST, "host function failed", exit);
    assertSame(
        exit,
        assertThrows(
            ExitException.class,
            () ->
                WasiComponents.run(
                    new FakeInstance(
                        () -> {
                          throw trap;
                        }))));
    TrapException other = new TrapException(TrapKind.UNREACHABLE, "unreachable", null);
    assertSame(
        other,
        assertThrows(
            TrapException.class,
            () ->
                WasiComponents.run(
                    new FakeInstance(
                        () -> {
                          throw other;
                        }))));
  }

  @Test
  void aComponentWithoutRunIsNotACommand() {
    FakeInstance reactor = new FakeInstance(() -> WitResult.ok(null), List.of("example:x/y"));
    LinkException e = assertThrows(LinkException.class, () -> WasiComponents.run(reactor));
    assertTrue(e.getMessage().contains("wasi:cli/run"), e.getMessage());
  }

  @Test
  void wasiResourceNamesAreUnique() {
    try (WasiPreview2 wasi = WasiPreview2.create(WasiConfig.builder().build(), () -> false)) {
      Map<String, String> seen = new LinkedHashMap<>();
      for (String iface : wasi.interfaces()) {
        for (var r : wasi.forInterface(iface).orElseThrow().resources()) {
          String before = seen.put(r.name(), iface);
          assertEquals(null, before, r.name() + " defined by " + before + " and " + iface);
        }
      }
      assertTrue(seen.containsKey("output-stream"), seen.toString());
    }
  }

  private record FakeComponent(Map<String, ComponentItem> importTypes, List<String> exports)
      implements Component {
    FakeComponent(Map<String, ComponentItem> importTypes) {
      this(importTypes, List.of());
    }

    @Override
    public Engine engine() {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<String> imports() {
      return List.copyOf(importTypes.keySet());
    }

    @Override
    public Map<String, ComponentItem> exportTypes() {
      return Map.of();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      throw new IllegalArgumentException();
    }

    @Override
    public void close() {}
  }

  private static final class FakeInstance implements ComponentInstance {
    private final Supplier<Object> run;
    private final List<String> exports;

    FakeInstance(Supplier<Object> run) {
      this(run, List.of("wasi:cli/run@0.2.3"));
    }

    FakeInstance(Supplier<Object> run, List<String> exports) {
      this.run = run;
      this.exports = exports;
    }

    @Override
    public Component component() {
      return new FakeComponent(Map.of(), exports);
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
      if (!exports.contains(iface) || !name.equals("run")) {
        return Optional.empty();
      }
      return Optional.of(
          new ComponentFunc() {
            @Override
            public WitFuncType type() {
              return WitFuncType.of(null);
            }

            @Override
            public Object call(Object... args) {
              return run.get();
            }
          });
    }
  }
}
