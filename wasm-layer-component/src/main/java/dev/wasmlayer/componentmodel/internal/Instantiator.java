package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.Extern;
import dev.wasmlayer.Func;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Module;
import dev.wasmlayer.component.ResourceType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Instantiates a component by replaying its definitions in order: core modules are instantiated in
 * the store through the layer's core API, with the component model's own core functions (lowered
 * imports, resource built-ins) as host functions.
 */
final class Instantiator {
  private final ComponentModel model;
  private final InstanceState state;
  private final ImportSource source;
  private final Map<Sort, List<Object>> spaces = new EnumMap<>(Sort.class);
  private final Map<String, Object> exports = new LinkedHashMap<>();

  private Instantiator(ComponentModel model, InstanceState state, ImportSource source) {
    this.model = model;
    this.state = state;
    this.source = source;
    for (Sort s : Sort.values()) {
      spaces.put(s, new ArrayList<>());
    }
  }

  /** {@return the exports of a new instance of {@code model}} */
  static Map<String, Object> run(ComponentModel model, InstanceState state, ImportSource source) {
    return new Instantiator(model, state, source).run();
  }

  private Object get(Sort s, int index) {
    return spaces.get(s).get(index);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private Map<String, Object> run() {
    for (Def d : model.defs()) {
      spaces.get(d.sort()).add(eval(d));
    }
    return exports;
  }

  private Object eval(Def d) {
    if (d instanceof Def.CoreModule m) {
      return m.module();
    } else if (d instanceof Def.CoreInstantiate ci) {
      return coreInstantiate(ci);
    } else if (d instanceof Def.CoreExports ce) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Def.Ref r : ce.exports()) {
        out.put(r.name(), get(r.sort(), r.index()));
      }
      return out;
    } else if (d instanceof Def.Nested n) {
      return n.model();
    } else if (d instanceof Def.Instantiate i) {
      return instantiate(i);
    } else if (d instanceof Def.Exports e) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Def.Ref r : e.exports()) {
        out.put(r.name(), get(r.sort(), r.index()));
      }
      return out;
    } else if (d instanceof Def.AliasExport a) {
      return map(get(Sort.INSTANCE, a.instance())).get(a.name());
    } else if (d instanceof Def.AliasCoreExport a) {
      Object v = map(get(Sort.CORE_INSTANCE, a.instance())).get(a.name());
      if (v == null) {
        throw new LinkException("core instance " + a.instance() + " has no export " + a.name());
      }
      return v;
    } else if (d instanceof Def.Known k) {
      return known(k);
    } else if (d instanceof Def.Lift l) {
      return lift(l);
    } else if (d instanceof Def.Lower l) {
      CFunc target = (CFunc) get(Sort.FUNC, l.func());
      CanonOptions o = l.options();
      return Lowering.of(state, target, l.type(), memory(o), func(o.realloc()), o.encoding());
    } else if (d instanceof Def.ResourceOp op) {
      return ResourceBuiltins.of(state, op.op(), op.type());
    } else if (d instanceof Def.Import imp) {
      return source.resolve(imp, state);
    } else if (d instanceof Def.Export e) {
      Object v = get(e.sort(), e.index());
      exports.put(e.name(), v);
      return v;
    }
    throw new IllegalStateException("unknown definition " + d);
  }

  private Object known(Def.Known k) {
    if (k.value() instanceof TypeDef.Resource r) {
      if (r.defined() && !state.defines(r.type())) {
        Func dtor = func(r.dtor());
        state.define(r.type(), dtor);
      }
      return state.resolve(r.type());
    }
    return k.value();
  }

  private Instance coreInstantiateRaw(Module module, List<Def.Ref> args) {
    Imports.Builder b = Imports.builder();
    for (Def.Ref arg : args) {
      map(get(Sort.CORE_INSTANCE, arg.index()))
          .forEach(
              (name, v) -> {
                if (v instanceof LoweredCore lc) {
                  b.funcRaw(arg.name(), name, lc.type(), lc.function());
                } else {
                  b.extern(arg.name(), name, (Extern) v);
                }
              });
    }
    return state.store.instantiate(module, b.build());
  }

  private Map<String, Object> coreInstantiate(Def.CoreInstantiate ci) {
    Module module = (Module) get(Sort.CORE_MODULE, ci.module());
    Instance instance = coreInstantiateRaw(module, ci.args());
    return new LinkedHashMap<>(instance.exports());
  }

  private Map<String, Object> instantiate(Def.Instantiate i) {
    ComponentModel child = (ComponentModel) get(Sort.COMPONENT, i.component());
    Map<String, Object> args = new LinkedHashMap<>();
    for (Def.Ref r : i.args()) {
      args.put(r.name(), get(r.sort(), r.index()));
    }
    InstanceState childState = new InstanceState(state.store);
    return run(child, childState, new ArgImports(args));
  }

  private Object lift(Def.Lift l) {
    Object core = get(Sort.CORE_FUNC, l.coreFunc());
    if (!(core instanceof Func f)) {
      throw new LinkException("canon lift of a function the component model made is not supported");
    }
    CanonOptions o = l.options();
    return new LiftedFunc(
        state, l.type(), f, memory(o), func(o.realloc()), func(o.postReturn()), o.encoding());
  }

  private GuestMemory memory(CanonOptions o) {
    return o.memory() < 0 ? null : new GuestMemory((Memory) get(Sort.CORE_MEMORY, o.memory()));
  }

  private Func func(int index) {
    if (index < 0) {
      return null;
    }
    Object f = get(Sort.CORE_FUNC, index);
    if (!(f instanceof Func func)) {
      throw new LinkException("a canonical option names a function the component model made");
    }
    return func;
  }

  /** Imports of a nested component instance, from its parent's instantiation arguments. */
  private static final class ArgImports implements ImportSource {
    private final Map<String, Object> args;

    ArgImports(Map<String, Object> args) {
      this.args = args;
    }

    @Override
    public Object resolve(Def.Import imp, InstanceState instance) {
      Object v = args.get(imp.name());
      if (v == null) {
        throw new LinkException("missing argument for import " + imp.name());
      }
      bindTypes(imp.item(), v, instance);
      return v;
    }

    private static void bindTypes(Item item, Object v, InstanceState instance) {
      if (item instanceof Item.Type t
          && t.def() instanceof TypeDef.Resource r
          && v instanceof ResourceType actual) {
        instance.bind(r.type(), actual);
      } else if (item instanceof Item.Instance i && v instanceof Map<?, ?> m) {
        i.exports()
            .forEach(
                (name, member) -> {
                  Object mv = m.get(name);
                  if (mv != null) {
                    bindTypes(member, mv, instance);
                  }
                });
      }
    }
  }
}
