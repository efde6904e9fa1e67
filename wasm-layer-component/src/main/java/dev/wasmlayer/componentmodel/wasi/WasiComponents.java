package dev.wasmlayer.componentmodel.wasi;

import dev.wasmlayer.Component;
import dev.wasmlayer.ExitException;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.component.WitResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Connects {@link WasiPreview2} to a component runtime that knows only {@link ComponentImports}:
 * the WASI 0.2 functions and resources a component imports become host functions and host resources
 * under the component's own (versioned) interface names, and a command's {@code wasi:cli/run} is
 * called as {@code Wasi.run} expects.
 */
public final class WasiComponents {
  private WasiComponents() {}

  /**
   * {@return {@code user}'s imports plus, for every {@code wasi:} interface {@code component}
   * imports, what {@code wasi} serves for it}
   *
   * @param component the component
   * @param user the imports the application gave (its {@code wasi()} flag is ignored)
   * @param wasi WASI 0.2 for the store
   * @throws LinkException naming the first {@code wasi:} interface, function or resource the
   *     component imports and WASI 0.2 here does not serve (such as {@code wasi:sockets})
   */
  public static ComponentImports imports(
      Component component, ComponentImports user, WasiPreview2 wasi) {
    ComponentImports.Builder b = ComponentImports.builder();
    user.functions().forEach(f -> b.func(f.iface(), f.name(), f.type(), f.function()));
    user.resources().forEach(r -> b.resource(r.iface(), r.name(), r.type()));
    Map<String, ResourceType> resources = resourcesByName(wasi);
    for (Map.Entry<String, ComponentItem> e : component.importTypes().entrySet()) {
      String iface = e.getKey();
      if (!iface.startsWith("wasi:") || !(e.getValue() instanceof ComponentItem.Interface i)) {
        continue;
      }
      WasiInterface served =
          wasi.forInterface(iface)
              .orElseThrow(
                  () ->
                      new LinkException(
                          "WASI 0.2 here does not serve "
                              + iface
                              + " (served: "
                              + new java.util.TreeSet<>(wasi.interfaces())
                              + ")"));
      for (Map.Entry<String, ComponentItem> item : i.items().entrySet()) {
        String name = item.getKey();
        if (item.getValue() instanceof ComponentItem.Function) {
          ComponentImports.HostFunc f =
              served
                  .function(name)
                  .orElseThrow(
                      () ->
                          new LinkException("WASI 0.2 here has no function " + iface + "#" + name));
          b.func(iface, name, f.type(), f.function());
        } else if (item.getValue() instanceof ComponentItem.Resource) {
          ResourceType type = resources.get(name);
          if (type == null) {
            throw new LinkException("WASI 0.2 here has no resource " + iface + "#" + name);
          }
          b.resource(iface, name, type);
        }
      }
    }
    return b.build();
  }

  /**
   * Calls a command's {@code wasi:cli/run} export.
   *
   * @param command an instance of a WASI 0.2 command
   * @return 0 when {@code run} returns ok, 1 when it returns an error
   * @throws ExitException when the program exits through {@code wasi:cli/exit}
   * @throws LinkException when it exports no {@code wasi:cli/run}
   */
  public static int run(ComponentInstance command) {
    ComponentFunc run = runFunction(command);
    Object result;
    try {
      result = run.call();
    } catch (TrapException t) {
      // wasi:cli/exit throws ExitException from a host function: the trap carries it
      for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
        if (c instanceof ExitException exit) {
          throw exit;
        }
      }
      throw t;
    }
    return result instanceof WitResult r && !r.isOk() ? 1 : 0;
  }

  private static ComponentFunc runFunction(ComponentInstance command) {
    for (String name : command.component().exports()) {
      if (name.equals("wasi:cli/run") || name.startsWith("wasi:cli/run@")) {
        Optional<ComponentFunc> f = command.func(name, "run");
        if (f.isPresent()) {
          return f.get();
        }
      }
    }
    throw new LinkException(
        "not a WASI 0.2 command: it exports no wasi:cli/run (exports: "
            + command.component().exports()
            + ")");
  }

  /** Every resource type WASI serves, by its name: WASI 0.2's resource names are unique. */
  private static Map<String, ResourceType> resourcesByName(WasiPreview2 wasi) {
    Map<String, ResourceType> out = new HashMap<>();
    for (String iface : wasi.interfaces()) {
      wasi.forInterface(iface)
          .orElseThrow()
          .resources()
          .forEach(r -> out.putIfAbsent(r.name(), r.type()));
    }
    return out;
  }
}
