package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Instantiates a component in a store (inside its call gate): checks the component's imports
 * against what {@link ComponentImports} gives (a missing or differently typed import is a {@link
 * LinkException} naming it), then a fresh wasmtime component linker with WASI 0.2 (from the store's
 * WASI config) and the host functions and resources, instantiation, and the linker freed again.
 */
final class ComponentInstantiation {
  private ComponentInstantiation() {}

  private static final String WASI = "wasi:";

  static WasmtimeComponentInstance instantiate(
      WasmtimeStore<?> store, WasmtimeComponent component, ComponentImports imports) {
    check(store, component, imports);
    store.componentResources().alias(component, imports);
    Pointer c = component.acquire();
    Pointer linker = Wasmtime.wasmtime_component_linker_new(store.engine().pointer());
    try {
      if (imports.wasi() && store.wasi() != null) {
        Pointer err = Wasmtime.wasmtime_component_linker_add_wasip2(linker);
        if (err != null) {
          throw new IllegalStateException(
              "wasmtime could not define WASI 0.2: " + Natives.consumeError(err));
        }
      }
      define(store, linker, imports);
      Memory instance = Natives.alloc(Layout.COMPONENT_INSTANCE_SIZE);
      Pointer err =
          Wasmtime.wasmtime_component_linker_instantiate(linker, store.context(), c, instance);
      if (err != null) {
        throw WasmtimeErrors.of(store, err, null, true);
      }
      return new WasmtimeComponentInstance(store, component, instance);
    } finally {
      Wasmtime.wasmtime_component_linker_delete(linker);
      component.release();
    }
  }

  /** Every import the component has must be given, typed as the component says. */
  private static void check(
      WasmtimeStore<?> store, WasmtimeComponent component, ComponentImports imports) {
    Map<String, ComponentImports.HostFunc> funcs = new LinkedHashMap<>();
    for (ComponentImports.HostFunc f : imports.functions()) {
      funcs.put(key(f.iface(), f.name()), f);
    }
    Map<String, ComponentImports.HostResource> resources = new LinkedHashMap<>();
    for (ComponentImports.HostResource r : imports.resources()) {
      resources.put(key(r.iface(), r.name()), r);
    }
    for (Map.Entry<String, ComponentItem> e : component.importTypes().entrySet()) {
      String name = e.getKey();
      if (name.startsWith(WASI) && imports.wasi()) {
        if (store.wasi() == null) {
          throw new LinkException(
              "the component imports "
                  + name
                  + " and the imports ask for WASI, but the store has no WASI config"
                  + " (StoreConfig.builder().wasi(...))");
        }
        continue;
      }
      if (e.getValue() instanceof ComponentItem.Interface i) {
        for (Map.Entry<String, ComponentItem> item : i.items().entrySet()) {
          checkItem(name, item.getKey(), item.getValue(), funcs, resources);
        }
      } else {
        checkItem("", name, e.getValue(), funcs, resources);
      }
    }
  }

  private static void checkItem(
      String iface,
      String name,
      ComponentItem item,
      Map<String, ComponentImports.HostFunc> funcs,
      Map<String, ComponentImports.HostResource> resources) {
    String key = key(iface, name);
    if (item instanceof ComponentItem.Function f) {
      ComponentImports.HostFunc given = funcs.get(key);
      if (given == null) {
        throw new LinkException(
            "missing import: function "
                + describe(iface, name)
                + ": "
                + f.type()
                + (iface.startsWith(WASI)
                    ? " (link WASI with ComponentImports.builder().wasi())"
                    : ""));
      }
      if (!WitShapes.same(given.type(), f.type())) {
        throw new LinkException(
            "import "
                + describe(iface, name)
                + " is "
                + f.type()
                + " in the component, but the host function is "
                + given.type());
      }
    } else if (item instanceof ComponentItem.Resource) {
      if (!resources.containsKey(key)) {
        throw new LinkException("missing import: resource " + describe(iface, name));
      }
    }
  }

  private static String describe(String iface, String name) {
    return iface.isEmpty() ? name : iface + "#" + name;
  }

  private static String key(String iface, String name) {
    return iface + "#" + name;
  }

  /** Defines the host functions and resources, grouped by interface. */
  private static void define(WasmtimeStore<?> store, Pointer linker, ComponentImports imports) {
    Map<String, List<Object>> byIface = new LinkedHashMap<>();
    for (ComponentImports.HostResource r : imports.resources()) {
      byIface.computeIfAbsent(r.iface(), k -> new ArrayList<>()).add(r);
    }
    for (ComponentImports.HostFunc f : imports.functions()) {
      byIface.computeIfAbsent(f.iface(), k -> new ArrayList<>()).add(f);
    }
    Pointer root = Wasmtime.wasmtime_component_linker_root(linker);
    try {
      for (Map.Entry<String, List<Object>> e : byIface.entrySet()) {
        if (e.getKey().isEmpty()) {
          defineAll(store, root, e.getValue());
          continue;
        }
        byte[] n = Natives.utf8(e.getKey());
        long[] out = new long[1];
        Pointer err =
            Wasmtime.wasmtime_component_linker_instance_add_instance(root, n, n.length, out);
        if (err != null) {
          throw new LinkException(
              "cannot define interface " + e.getKey() + ": " + Natives.consumeError(err));
        }
        Pointer li = new Pointer(out[0]);
        try {
          defineAll(store, li, e.getValue());
        } finally {
          Wasmtime.wasmtime_component_linker_instance_delete(li);
        }
      }
    } finally {
      Wasmtime.wasmtime_component_linker_instance_delete(root);
    }
  }

  private static void defineAll(WasmtimeStore<?> store, Pointer li, List<Object> items) {
    for (Object o : items) {
      Pointer err;
      String what;
      if (o instanceof ComponentImports.HostFunc f) {
        what = describe(f.iface(), f.name());
        byte[] n = Natives.utf8(f.name());
        Pointer env =
            ComponentHostCallbacks.register(
                new ComponentHostFunc(store, what, f.type(), f.function()));
        err =
            Wasmtime.wasmtime_component_linker_instance_add_func(
                li, n, n.length, ComponentHostCallbacks.FUNC, env, ComponentHostCallbacks.FINALIZE);
      } else {
        ComponentImports.HostResource r = (ComponentImports.HostResource) o;
        what = describe(r.iface(), r.name());
        err = store.componentResources().define(li, r);
      }
      if (err != null) {
        throw new LinkException("cannot define " + what + ": " + Natives.consumeError(err));
      }
    }
  }
}
