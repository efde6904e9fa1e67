package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Component;
import dev.wasmlayer.Feature;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.tck.support.Components;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.wasi.WasiConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * WASI 0.2 for a typed component ({@code src/main/components/wasi_env.wat}), linked by {@link
 * ComponentImports.Builder#wasi()} from the store's {@link WasiConfig}, beside a host function of
 * its own.
 */
@RequiresFeature({Feature.COMPONENTS, Feature.WASI_COMPONENTS})
class ComponentWasiImportsTest extends TckBase {
  static final String API = "tck:wasi/api";
  static final String HOST = "tck:wasi/host";

  private Component component;
  private final List<String> notes = new CopyOnWriteArrayList<>();

  @AfterAll
  void closeComponent() {
    if (component != null) {
      component.close();
    }
  }

  private Component component() {
    if (component == null) {
      component = engine.compileComponent(Components.read(Components.require(), "wasi_env"));
    }
    return component;
  }

  private ComponentImports.Builder note() {
    return ComponentImports.builder()
        .func(
            HOST,
            "note",
            WitFuncType.of(null, WitFuncType.param("s", WitPrimitive.STRING)),
            args -> {
              notes.add((String) args[0]);
              return null;
            });
  }

  private static Object call(ComponentInstance i, String name, Object... args) {
    return i.func(API, name).orElseThrow(() -> new AssertionError("no " + name)).call(args);
  }

  @Test
  void argumentsAndEnvironmentComeFromTheStoresWasiConfig() {
    WasiConfig wasi =
        WasiConfig.builder()
            .args("prog", "one", "ünï ✓", "")
            .env("B_FIRST", "1")
            .env("A_SECOND", "x=y")
            .build();
    try (Store<Void> s = engine.newStore(null, StoreConfig.builder().wasi(wasi).build())) {
      ComponentInstance i = s.instantiate(component(), note().wasi().build());
      assertEquals(List.of("prog", "one", "ünï ✓", ""), call(i, "args"));
      assertEquals(List.of(List.of("B_FIRST", "1"), List.of("A_SECOND", "x=y")), call(i, "env"));
      call(i, "tell", "from the guest ✓");
      assertEquals(List.of("from the guest ✓"), notes);
    }
    try (Store<Void> s =
        engine.newStore(
            null, StoreConfig.builder().wasi(WasiConfig.builder().args("other").build()).build())) {
      ComponentInstance i = s.instantiate(component(), note().wasi().build());
      assertEquals(List.of("other"), call(i, "args"), "each store its own config");
      assertEquals(List.of(), call(i, "env"));
    }
  }

  @Test
  void withoutWasiTheImportIsMissingByName() {
    LinkException noWasi =
        assertThrows(LinkException.class, () -> store.instantiate(component(), note().build()));
    assertTrue(noWasi.getMessage().contains("wasi:cli/environment"), noWasi.getMessage());
    // WASI asked for, but the store has no WASI config
    LinkException noConfig =
        assertThrows(
            LinkException.class, () -> store.instantiate(component(), note().wasi().build()));
    System.out.println("wasm-layer: " + engine.id() + " typed WASI without a config: " + noConfig);
    LinkException noHost =
        assertThrows(
            LinkException.class,
            () -> {
              try (Store<Void> s =
                  engine.newStore(
                      null, StoreConfig.builder().wasi(WasiConfig.builder().build()).build())) {
                s.instantiate(component(), ComponentImports.builder().wasi().build());
              }
            });
    assertTrue(noHost.getMessage().contains("note"), noHost.getMessage());
  }
}
