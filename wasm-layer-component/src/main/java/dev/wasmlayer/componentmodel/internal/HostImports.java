package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.LinkException;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ResourceType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Imports of a top-level component instance, from {@link ComponentImports}. */
final class HostImports implements ImportSource {
  private final ComponentImports imports;

  HostImports(ComponentImports imports) {
    this.imports = imports;
  }

  @Override
  public Object resolve(Def.Import imp, InstanceState instance) {
    Item item = imp.item();
    if (item instanceof Item.Func f) {
      return function("", imp.name(), f, instance);
    } else if (item instanceof Item.Type t && t.def() instanceof TypeDef.Resource r) {
      ResourceType actual = resource("", imp.name());
      instance.bind(r.type(), actual);
      return actual;
    } else if (item instanceof Item.Instance i) {
      Map<String, Object> out = new LinkedHashMap<>();
      i.exports()
          .forEach(
              (name, member) -> {
                if (member instanceof Item.Type t && t.def() instanceof TypeDef.Resource r) {
                  ResourceType actual = resource(imp.name(), name);
                  instance.bind(r.type(), actual);
                  out.put(name, actual);
                }
              });
      i.exports()
          .forEach(
              (name, member) -> {
                if (member instanceof Item.Func f) {
                  out.put(name, function(imp.name(), name, f, instance));
                } else if (member instanceof Item.Type t) {
                  if (!(t.def() instanceof TypeDef.Resource)) {
                    out.put(name, t.def());
                  }
                } else {
                  throw new LinkException(
                      "import "
                          + imp.name()
                          + ": cannot provide "
                          + name
                          + ", a "
                          + member.toApi());
                }
              });
      return out;
    } else if (item instanceof Item.Type t) {
      return t.def();
    }
    throw new LinkException(
        "import " + imp.name() + ": importing a " + item.toApi() + " is not supported");
  }

  private CFunc function(String iface, String name, Item.Func f, InstanceState instance) {
    for (ComponentImports.HostFunc h : imports.functions()) {
      if (h.iface().equals(iface) && h.name().equals(name)) {
        if (!TypeMatch.funcs(f.type(), h.type(), instance)) {
          throw new LinkException(
              "import "
                  + describe(iface, name)
                  + " has type "
                  + f.type()
                  + ", but the host function has type "
                  + h.type());
        }
        return new HostImport(describe(iface, name), f.type(), h.function());
      }
    }
    throw new LinkException("missing import: function " + describe(iface, name));
  }

  private ResourceType resource(String iface, String name) {
    for (ComponentImports.HostResource h : imports.resources()) {
      if (h.iface().equals(iface) && h.name().equals(name)) {
        return h.type();
      }
    }
    throw new LinkException("missing import: resource " + describe(iface, name));
  }

  private static String describe(String iface, String name) {
    return iface.isEmpty() ? name : iface + "#" + name;
  }
}
