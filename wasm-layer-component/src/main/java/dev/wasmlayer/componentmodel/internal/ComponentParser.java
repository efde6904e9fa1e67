package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.Engine;
import dev.wasmlayer.Module;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.spi.WasmBytes;
import dev.wasmlayer.types.ExportType;
import dev.wasmlayer.types.ExternType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ValType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates a component binary into a {@link ComponentModel}, compiling its core modules
 * with the engine as it meets them. Keeps the static index spaces: {@link Item}s for component
 * sorts; {@link ExternType} (or null where unknown) for core functions, tables, memories and
 * globals; {@link Module}s; maps of export types for core instances.
 */
final class ComponentParser {
  private static final int MAX_DEPTH = 100;

  private final Engine engine;
  private final ComponentParser parent;
  private final int depth;
  private final TypeScope scope;
  private final Map<Sort, List<Object>> spaces = new EnumMap<>(Sort.class);
  private final List<Def> defs = new ArrayList<>();
  private final Map<String, Item> imports = new LinkedHashMap<>();
  private final Map<String, Item> exports = new LinkedHashMap<>();
  private final List<Module> modules;
  private Map<Integer, String> typeNames = Map.of();

  private ComponentParser(Engine engine, ComponentParser parent, List<Module> modules) {
    this.engine = engine;
    this.parent = parent;
    this.depth = parent == null ? 0 : parent.depth + 1;
    this.scope = new TypeScope(parent == null ? null : parent.scope);
    this.modules = modules;
    for (Sort s : Sort.values()) {
      spaces.put(s, new ArrayList<>());
    }
  }

  /** Parses a whole component binary; closes what it compiled if it fails. */
  static ComponentModel parse(Engine engine, byte[] bytes) {
    if (!WasmBytes.isBinary(bytes)) {
      if (WasmBytes.looksLikeText(bytes)) {
        throw new dev.wasmlayer.UnsupportedFeatureException(
            dev.wasmlayer.Feature.COMPONENT_TEXT,
            engine.id(),
            "component text in Engine.compileComponent: assemble it to a binary first (jco parse,"
                + " wasm-tools parse)");
      }
      throw Reader.malformed("no \\0asm magic");
    }
    if (!WasmBytes.isComponent(bytes)) {
      if (bytes.length >= 8 && bytes[4] == 1 && bytes[5] == 0 && bytes[6] == 0 && bytes[7] == 0) {
        throw new CompileException(
            CompileException.Reason.MALFORMED,
            "a core module, not a component: use Engine.compile",
            null);
      }
      throw Reader.malformed("unknown version or layer");
    }
    List<Module> modules = new ArrayList<>();
    try {
      return new ComponentParser(engine, null, modules).body(bytes, 8, bytes.length);
    } catch (dev.wasmlayer.WasmException e) {
      modules.forEach(Module::close);
      throw e;
    } catch (RuntimeException e) {
      // a case the checks above missed: still the component's fault, and still typed
      modules.forEach(Module::close);
      throw new CompileException(CompileException.Reason.INVALID, "invalid component: " + e, e);
    } catch (Error e) {
      modules.forEach(Module::close);
      throw e;
    }
  }

  private List<Object> space(Sort s) {
    return spaces.get(s);
  }

  private Object get(Sort s, int index) {
    List<Object> space = space(s);
    if (index < 0 || index >= space.size()) {
      throw Reader.invalid(s + " index " + index + " out of bounds (" + space.size() + " defined)");
    }
    return space.get(index);
  }

  private void define(Def def, Object staticValue) {
    defs.add(def);
    space(def.sort()).add(staticValue);
    if (def.sort() == Sort.TYPE) {
      scope.types.add((TypeDef) staticValue);
    }
  }

  private ComponentModel body(byte[] bytes, int from, int end) {
    typeNames = ComponentNames.types(bytes, from, end);
    Reader r = new Reader(bytes, from, end);
    while (!r.atEnd()) {
      int id = r.u8();
      int size = r.index();
      int start = r.skip(size);
      Reader s = new Reader(bytes, start, start + size);
      switch (id) {
        case 0 -> s.name(); // custom section: ignored
        case 1 -> coreModule(s, start, size);
        case 2 -> repeat(s, () -> coreInstance(s));
        case 3 -> repeat(s, () -> coreType(s));
        case 4 -> nested(bytes, start, size, s);
        case 5 -> repeat(s, () -> instance(s));
        case 6 -> repeat(s, () -> alias(s));
        case 7 -> repeat(s, () -> type(s));
        case 8 -> repeat(s, () -> canon(s));
        case 9 -> throw Reader.invalid("start functions (component values) are not supported");
        case 10 -> repeat(s, () -> importDecl(s));
        case 11 -> repeat(s, () -> exportDecl(s));
        case 12 -> throw Reader.invalid("component values are not supported");
        default -> throw Reader.malformed("unknown section id " + id);
      }
      if (id != 0 && id != 1 && id != 4) {
        s.expectEnd("section " + id);
      }
    }
    return new ComponentModel(List.copyOf(defs), imports, exports, modules);
  }

  private static void repeat(Reader r, Runnable each) {
    int n = r.count();
    for (int i = 0; i < n; i++) {
      each.run();
    }
  }

  private void coreModule(Reader s, int start, int size) {
    byte[] module = Arrays.copyOfRange(s.bytes(), start, start + size);
    if (WasmBytes.isComponent(module)) {
      throw Reader.malformed("a component in a core module section");
    }
    Module m = engine.compile(module);
    modules.add(m);
    define(new Def.CoreModule(m), m);
  }

  private void nested(byte[] bytes, int start, int size, Reader s) {
    if (depth >= MAX_DEPTH) {
      throw Reader.invalid("components nested too deeply");
    }
    byte[] header = Arrays.copyOfRange(bytes, start, Math.min(start + 8, start + size));
    if (!WasmBytes.isComponent(header)) {
      throw Reader.malformed("a nested component has no component preamble");
    }
    ComponentModel model =
        new ComponentParser(engine, this, modules).body(bytes, start + 8, start + size);
    define(new Def.Nested(model), model);
  }

  private void coreInstance(Reader r) {
    int kind = r.u8();
    if (kind == 0x00) {
      int moduleIndex = r.index();
      Module module = (Module) get(Sort.CORE_MODULE, moduleIndex);
      List<Def.Ref> args = new ArrayList<>();
      int n = r.count();
      for (int i = 0; i < n; i++) {
        String name = r.name();
        if (r.u8() != 0x12) {
          throw Reader.malformed("a core instantiation argument must be an instance");
        }
        int index = r.index();
        get(Sort.CORE_INSTANCE, index);
        args.add(new Def.Ref(name, Sort.CORE_INSTANCE, index));
      }
      Map<String, ExternType> types = new LinkedHashMap<>();
      for (ExportType e : module.exports()) {
        types.put(e.name(), e.type());
      }
      define(new Def.CoreInstantiate(moduleIndex, args), types);
    } else if (kind == 0x01) {
      List<Def.Ref> items = new ArrayList<>();
      Map<String, ExternType> types = new LinkedHashMap<>();
      int n = r.count();
      for (int i = 0; i < n; i++) {
        String name = r.name();
        Sort sort = Sort.core(r);
        int index = r.index();
        Object v = get(sort, index);
        if (sort != Sort.CORE_FUNC
            && sort != Sort.CORE_TABLE
            && sort != Sort.CORE_MEMORY
            && sort != Sort.CORE_GLOBAL) {
          throw Reader.invalid("a core instance cannot export a " + sort);
        }
        if (types.containsKey(name)) {
          throw Reader.invalid("duplicate core export " + name);
        }
        types.put(name, (ExternType) v);
        items.add(new Def.Ref(name, sort, index));
      }
      define(new Def.CoreExports(items), types);
    } else {
      throw Reader.malformed("unknown core instance kind 0x" + Integer.toHexString(kind));
    }
  }

  private void coreType(Reader r) {
    CoreTypes.skip(r);
    define(new Def.Known(Sort.CORE_TYPE, null), null);
  }

  private void instance(Reader r) {
    int kind = r.u8();
    if (kind == 0x00) {
      int index = r.index();
      ComponentModel model = (ComponentModel) get(Sort.COMPONENT, index);
      List<Def.Ref> args = new ArrayList<>();
      int n = r.count();
      for (int i = 0; i < n; i++) {
        String name = r.name();
        Sort sort = Sort.read(r);
        int idx = r.index();
        get(sort, idx);
        args.add(new Def.Ref(name, sort, idx));
      }
      for (String name : model.imports().keySet()) {
        if (args.stream().noneMatch(a -> a.name().equals(name))) {
          throw Reader.invalid(
              "instantiation of component " + index + " is missing import " + name);
        }
      }
      ResourceSubst subst = new ResourceSubst();
      for (Def.Ref a : args) {
        Item declared = model.imports().get(a.name());
        if (declared != null) {
          subst.bind(declared, get(a.sort(), a.index()));
        }
      }
      define(new Def.Instantiate(index, args), subst.items(model.exports()));
    } else if (kind == 0x01) {
      List<Def.Ref> items = new ArrayList<>();
      Map<String, Item> types = new LinkedHashMap<>();
      int n = r.count();
      for (int i = 0; i < n; i++) {
        String name = TypeReader.externName(r);
        Sort sort = Sort.read(r);
        int idx = r.index();
        if (types.put(name, itemOf(sort, idx)) != null) {
          throw Reader.invalid("duplicate export name " + name);
        }
        items.add(new Def.Ref(name, sort, idx));
      }
      define(new Def.Exports(items), types);
    } else {
      throw Reader.malformed("unknown instance kind 0x" + Integer.toHexString(kind));
    }
  }

  /** The static item of a component-level index. */
  private Item itemOf(Sort sort, int index) {
    Object v = get(sort, index);
    return switch (sort) {
      case FUNC -> new Item.Func((WitFuncType) v);
      case INSTANCE -> new Item.Instance(castMap(v));
      case TYPE -> new Item.Type((TypeDef) v);
      case COMPONENT -> {
        ComponentModel m = (ComponentModel) v;
        yield new Item.Component(new TypeDef.Component(m.imports(), m.exports()));
      }
      case CORE_MODULE -> new Item.Module();
      default ->
          throw Reader.invalid("a " + sort + " cannot be exported from a component instance");
    };
  }

  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> castMap(Object v) {
    return (Map<String, V>) v;
  }

  private void alias(Reader r) {
    Sort sort = Sort.read(r);
    int target = r.u8();
    switch (target) {
      case 0x00 -> {
        int instance = r.index();
        String name = r.name();
        Map<String, Item> exports = castMap(get(Sort.INSTANCE, instance));
        Item item = exports.get(name);
        if (item == null) {
          throw Reader.invalid("instance " + instance + " has no export " + name);
        }
        Object value = staticOf(sort, item, name);
        define(new Def.AliasExport(sort, instance, name), value);
      }
      case 0x01 -> {
        int instance = r.index();
        String name = r.name();
        Map<String, ExternType> exports = castMap(get(Sort.CORE_INSTANCE, instance));
        if (!exports.containsKey(name)) {
          throw Reader.invalid("core instance " + instance + " has no export " + name);
        }
        ExternType type = exports.get(name);
        boolean fits =
            switch (sort) {
              case CORE_FUNC -> type == null || type instanceof FuncType;
              case CORE_MEMORY -> type == null || type instanceof dev.wasmlayer.types.MemoryType;
              case CORE_TABLE -> type == null || type instanceof dev.wasmlayer.types.TableType;
              case CORE_GLOBAL -> type == null || type instanceof dev.wasmlayer.types.GlobalType;
              default -> false;
            };
        if (!fits) {
          throw Reader.invalid("core export " + name + " is not a " + sort);
        }
        define(new Def.AliasCoreExport(sort, instance, name), type);
      }
      case 0x02 -> {
        int count = r.index();
        int index = r.index();
        ComponentParser p = this;
        for (int i = 0; i < count; i++) {
          p = p.parent;
          if (p == null) {
            throw Reader.invalid("outer alias count " + count + " too large");
          }
        }
        if (sort != Sort.TYPE
            && sort != Sort.CORE_MODULE
            && sort != Sort.COMPONENT
            && sort != Sort.CORE_TYPE) {
          throw Reader.invalid("an outer alias of a " + sort);
        }
        Object value = p.get(sort, index);
        define(new Def.Known(sort, value), value);
      }
      default -> throw Reader.malformed("unknown alias target 0x" + Integer.toHexString(target));
    }
  }

  /** The static value an item adds to the index space of {@code sort}. */
  private Object staticOf(Sort sort, Item item, String name) {
    if (sort == Sort.FUNC && item instanceof Item.Func f) {
      return f.type();
    } else if (sort == Sort.INSTANCE && item instanceof Item.Instance i) {
      return i.exports();
    } else if (sort == Sort.TYPE && item instanceof Item.Type t) {
      return t.def();
    } else if (sort == Sort.CORE_MODULE && item instanceof Item.Module) {
      throw Reader.invalid("core modules imported or exported by instances are not supported");
    } else if (sort == Sort.COMPONENT && item instanceof Item.Component) {
      throw Reader.invalid("components imported or exported by instances are not supported");
    }
    throw Reader.invalid(name + " is not a " + sort);
  }

  private void type(Reader r) {
    String name = typeNames.getOrDefault(space(Sort.TYPE).size(), "resource");
    TypeDef def = TypeReader.defType(r, scope, name);
    define(new Def.Known(Sort.TYPE, def), def);
  }

  private void canon(Reader r) {
    int op = r.u8();
    switch (op) {
      case 0x00 -> {
        if (r.u8() != 0x00) {
          throw Reader.malformed("bad canon lift");
        }
        int coreFunc = r.index();
        CanonOptions opts = CanonOptions.read(r);
        int typeIndex = r.index();
        if (!(scope.type(typeIndex) instanceof TypeDef.Func f)) {
          throw Reader.invalid("canon lift: type " + typeIndex + " is not a function type");
        }
        FuncType expected = Abi.liftedCoreType(f.type());
        Object actual = get(Sort.CORE_FUNC, coreFunc);
        if (actual != null && !actual.equals(expected)) {
          throw Reader.invalid(
              "canon lift: core function "
                  + coreFunc
                  + " has type "
                  + actual
                  + ", expected "
                  + expected);
        }
        checkOptions(opts, f.type(), true);
        define(new Def.Lift(coreFunc, opts, f.type()), f.type());
      }
      case 0x01 -> {
        if (r.u8() != 0x00) {
          throw Reader.malformed("bad canon lower");
        }
        int func = r.index();
        CanonOptions opts = CanonOptions.read(r);
        WitFuncType type = (WitFuncType) get(Sort.FUNC, func);
        if (opts.postReturn() >= 0) {
          throw Reader.invalid("canon lower: post-return is not allowed");
        }
        checkOptions(opts, type, false);
        define(new Def.Lower(func, opts, type), Abi.loweredCoreType(type));
      }
      case 0x02, 0x03, 0x04 -> {
        int typeIndex = r.index();
        if (!(scope.type(typeIndex) instanceof TypeDef.Resource res)) {
          throw Reader.invalid("type " + typeIndex + " is not a resource type");
        }
        Def.ResourceOpKind kind =
            op == 0x02
                ? Def.ResourceOpKind.NEW
                : op == 0x03 ? Def.ResourceOpKind.DROP : Def.ResourceOpKind.REP;
        if (kind != Def.ResourceOpKind.DROP && !res.defined()) {
          throw Reader.invalid(
              "resource."
                  + kind.name().toLowerCase(java.util.Locale.ROOT)
                  + " of a resource type this component does not define");
        }
        FuncType type =
            switch (kind) {
              case NEW, REP -> FuncType.of(List.of(ValType.I32), List.of(ValType.I32));
              case DROP -> FuncType.of(List.of(ValType.I32), List.of());
            };
        define(new Def.ResourceOp(kind, res.type()), type);
      }
      default ->
          throw Reader.invalid(
              "canonical built-in 0x" + Integer.toHexString(op) + " is not supported");
    }
  }

  private void checkOptions(CanonOptions opts, WitFuncType type, boolean lift) {
    boolean params =
        Abi.paramTypes(type).stream().anyMatch(Abi::usesMemory)
            || Abi.flatten(Abi.paramTypes(type)).size() > Abi.MAX_FLAT_PARAMS;
    boolean results =
        Abi.resultTypes(type).stream().anyMatch(Abi::usesMemory)
            || Abi.flatten(Abi.resultTypes(type)).size() > Abi.MAX_FLAT_RESULTS;
    if (opts.memory() >= 0) {
      Object m = get(Sort.CORE_MEMORY, opts.memory());
      if (m != null && !(m instanceof dev.wasmlayer.types.MemoryType)) {
        throw Reader.invalid("canon option memory is not a memory");
      }
    } else if (params || results) {
      throw Reader.invalid(
          "canon " + (lift ? "lift" : "lower") + " of " + type + " needs a memory option");
    }
    boolean needsRealloc = lift ? params : Abi.resultTypes(type).stream().anyMatch(Abi::usesMemory);
    if (opts.realloc() >= 0) {
      Object f = get(Sort.CORE_FUNC, opts.realloc());
      FuncType want =
          FuncType.of(
              List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32));
      if (f != null && !f.equals(want)) {
        throw Reader.invalid("canon option realloc has type " + f + ", expected " + want);
      }
    } else if (needsRealloc) {
      throw Reader.invalid(
          "canon " + (lift ? "lift" : "lower") + " of " + type + " needs a realloc option");
    }
    if (opts.postReturn() >= 0) {
      Object f = get(Sort.CORE_FUNC, opts.postReturn());
      FuncType lifted = Abi.liftedCoreType(type);
      FuncType want = FuncType.of(lifted.results(), List.of());
      if (f != null && !f.equals(want)) {
        throw Reader.invalid("canon option post-return has type " + f + ", expected " + want);
      }
    }
  }

  private void importDecl(Reader r) {
    String name = TypeReader.externName(r);
    Item item = TypeReader.externDesc(r, scope, name);
    if (imports.containsKey(name) || exports.containsKey(name)) {
      throw Reader.invalid("duplicate import name " + name);
    }
    imports.put(name, item);
    Sort sort;
    Object value;
    if (item instanceof Item.Func f) {
      sort = Sort.FUNC;
      value = f.type();
    } else if (item instanceof Item.Instance i) {
      sort = Sort.INSTANCE;
      value = i.exports();
    } else if (item instanceof Item.Type t) {
      sort = Sort.TYPE;
      value = t.def();
    } else {
      throw Reader.invalid(
          "import " + name + ": importing a " + item.toApi() + " is not supported");
    }
    define(new Def.Import(name, sort, item), value);
  }

  private void exportDecl(Reader r) {
    String name = TypeReader.externName(r);
    Sort sort = Sort.read(r);
    int index = r.index();
    Item item = itemOf(sort, index);
    int hasType = r.u8();
    if (hasType == 1) {
      TypeReader.externDesc(r, scope, name);
    } else if (hasType != 0) {
      throw Reader.malformed("bad export type flag");
    }
    if (exports.containsKey(name)) {
      throw Reader.invalid("duplicate export name " + name);
    }
    exports.put(name, item);
    Object value = get(sort, index);
    define(new Def.Export(name, sort, index), value);
  }
}
