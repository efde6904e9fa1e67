package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.LinkException;
import dev.wasmlayer.component.ComponentImports;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.componentmodel.wasi.WasiPreview2;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Imports of a top-level component instance, from {@link ComponentImports}. */
final class HostImports implements ImportSource {
  private final ComponentImports imports;
  private final Supplier<WasiPreview2> wasiSource;
  private WasiPreview2 wasi;

  HostImports(ComponentImports imports, Supplier<WasiPreview2> wasi) {
    this.imports = imports;
    this.wasiSource = wasi;
  }

  /** WASI 0.2's host for {@code iface}, when the imports ask for WASI and it serves that one. */
  private Optional<WasiPreview2> wasiFor(String iface) {
    if (!imports.wasi() || !iface.startsWith("wasi:")) {
      return Optional.empty();
    }
    if (wasi == null) {
      wasi = wasiSource.get();
    }
    return wasi.forInterface(iface).isPresent() ? Optional.of(wasi) : Optional.empty();
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
                  // a type equal to one bound already (another interface's) stays that one
                  ResourceType bound = instance.resolve(r.type());
                  ResourceType actual = bound != r.type() ? bound : resource(imp.name(), name);
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
    Optional<ComponentImports.HostFunc> served = wasiFor(iface).flatMap(w -> w.func(iface, name));
    if (served.isPresent()) {
      return hostFunc(iface, name, f, served.get(), instance);
    }
    for (ComponentImports.HostFunc h : imports.functions()) {
      if (h.iface().equals(iface) && h.name().equals(name)) {
        return hostFunc(iface, name, f, h, instance);
      }
    }
    if (imports.wasi() && iface.startsWith("wasi:")) {
      throw new LinkException(
          "missing import: function "
              + describe(iface, name)
              + " (not served by this WASI 0.2 host, nor given)");
    }
    throw new LinkException("missing import: function " + describe(iface, name));
  }

  private static CFunc hostFunc(
      String iface, String name, Item.Func f, ComponentImports.HostFunc h, InstanceState instance) {
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

  private ResourceType resource(String iface, String name) {
    Optional<ComponentImports.HostResource> served =
        wasiFor(iface).flatMap(w -> w.resource(iface, name));
    if (served.isPresent()) {
      return served.get().type();
    }
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
