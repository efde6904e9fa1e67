package dev.wasmlayer.componentmodel.wasi;

import dev.wasmlayer.component.ComponentHostFunction;
import dev.wasmlayer.component.ComponentImports.HostFunc;
import dev.wasmlayer.component.ComponentImports.HostResource;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the functions and resources of each interface while the groups define them. */
final class Registry {
  private final Map<String, List<HostFunc>> functions = new LinkedHashMap<>();
  private final Map<String, List<HostResource>> resources = new LinkedHashMap<>();

  void resource(String iface, ResourceType type) {
    resources
        .computeIfAbsent(iface, k -> new ArrayList<>())
        .add(new HostResource(iface, type.name(), type));
    functions.computeIfAbsent(iface, k -> new ArrayList<>());
  }

  /** A function with its result type (null for none) and parameters. */
  void func(
      String iface,
      String name,
      WitType result,
      ComponentHostFunction function,
      WitFuncType.Param... params) {
    functions
        .computeIfAbsent(iface, k -> new ArrayList<>())
        .add(new HostFunc(iface, name, WitFuncType.of(result, params), function));
  }

  /** A method of {@code resource}: {@code self} is the first parameter, a borrow. */
  void method(
      String iface,
      ResourceType resource,
      String name,
      WitType result,
      ComponentHostFunction function,
      WitFuncType.Param... params) {
    WitFuncType.Param[] all = new WitFuncType.Param[params.length + 1];
    all[0] = WitFuncType.param("self", Wit.borrow(resource));
    System.arraycopy(params, 0, all, 1, params.length);
    func(iface, "[method]" + resource.name() + "." + name, result, function, all);
  }

  Map<String, WasiInterface> build() {
    Map<String, WasiInterface> out = new LinkedHashMap<>();
    functions.forEach(
        (iface, fs) ->
            out.put(iface, new WasiInterface(iface, fs, resources.getOrDefault(iface, List.of()))));
    return out;
  }
}
