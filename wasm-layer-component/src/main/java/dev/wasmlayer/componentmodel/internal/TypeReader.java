package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.component.BorrowType;
import dev.wasmlayer.component.EnumType;
import dev.wasmlayer.component.FlagsType;
import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.OptionType;
import dev.wasmlayer.component.OwnType;
import dev.wasmlayer.component.RecordType;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.component.ResultType;
import dev.wasmlayer.component.TupleType;
import dev.wasmlayer.component.VariantType;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.component.WitType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads component type definitions into {@link TypeDef}s, resolving indices in a scope. */
final class TypeReader {
  private TypeReader() {}

  static WitPrimitive primitive(int b) {
    return switch (b) {
      case 0x7f -> WitPrimitive.BOOL;
      case 0x7e -> WitPrimitive.S8;
      case 0x7d -> WitPrimitive.U8;
      case 0x7c -> WitPrimitive.S16;
      case 0x7b -> WitPrimitive.U16;
      case 0x7a -> WitPrimitive.S32;
      case 0x79 -> WitPrimitive.U32;
      case 0x78 -> WitPrimitive.S64;
      case 0x77 -> WitPrimitive.U64;
      case 0x76 -> WitPrimitive.F32;
      case 0x75 -> WitPrimitive.F64;
      case 0x74 -> WitPrimitive.CHAR;
      case 0x73 -> WitPrimitive.STRING;
      default -> null;
    };
  }

  static WitType valType(Reader r, TypeScope s) {
    int b = r.peek();
    WitPrimitive p = primitive(b);
    if (p != null) {
      r.u8();
      return p;
    }
    if (b == 0x64) {
      throw Reader.invalid("error-context is not supported");
    }
    long index = r.s33();
    TypeDef d = s.type(index);
    if (d instanceof TypeDef.Val v) {
      return v.type();
    }
    throw Reader.invalid("type " + index + " is not a value type");
  }

  private static Optional<WitType> optionalValType(Reader r, TypeScope s) {
    int b = r.u8();
    if (b == 0) {
      return Optional.empty();
    }
    if (b != 1) {
      throw Reader.malformed("bad optional value type flag 0x" + Integer.toHexString(b));
    }
    return Optional.of(valType(r, s));
  }

  private static String label(Reader r, Set<String> seen, String what) {
    String name = r.name();
    if (!seen.add(name)) {
      throw Reader.invalid("duplicate " + what + " name " + name);
    }
    return name;
  }

  static TypeDef defType(Reader r, TypeScope s) {
    return defType(r, s, "resource");
  }

  /** A type definition; a resource type defined here is named {@code resourceName}. */
  static TypeDef defType(Reader r, TypeScope s, String resourceName) {
    int b = r.peek();
    switch (b) {
      case 0x40:
        r.u8();
        return new TypeDef.Func(funcType(r, s));
      case 0x41:
        r.u8();
        return componentType(r, s);
      case 0x42:
        r.u8();
        return new TypeDef.Instance(instanceDecls(r, new TypeScope(s), null));
      case 0x3f:
        {
          r.u8();
          if (r.u8() != 0x7f) {
            throw Reader.invalid("a resource's representation must be i32");
          }
          int flag = r.u8();
          int d = -1;
          if (flag == 1) {
            d = r.index();
          } else if (flag != 0) {
            throw Reader.malformed("bad destructor flag");
          }
          return new TypeDef.Resource(ResourceType.guest(resourceName), d, true);
        }
      case 0x3e:
      case 0x43:
        throw Reader.invalid("async types are not supported");
      default:
        {
          WitType t = defValType(r, s);
          s.limits.check(t);
          return new TypeDef.Val(t);
        }
    }
  }

  static WitFuncType funcType(Reader r, TypeScope s) {
    int n = r.count();
    List<WitFuncType.Param> params = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String name = label(r, seen, "parameter");
      params.add(new WitFuncType.Param(name, valType(r, s)));
    }
    int kind = r.u8();
    Optional<WitType> result;
    if (kind == 0x00) {
      result = Optional.of(valType(r, s));
    } else if (kind == 0x01) {
      if (r.count() != 0) {
        throw Reader.invalid("named results are not supported");
      }
      result = Optional.empty();
    } else {
      throw Reader.malformed("bad result list 0x" + Integer.toHexString(kind));
    }
    return new WitFuncType(params, result);
  }

  private static WitType defValType(Reader r, TypeScope s) {
    int b = r.u8();
    WitPrimitive p = primitive(b);
    if (p != null) {
      return p;
    }
    Set<String> seen = new HashSet<>();
    switch (b) {
      case 0x72:
        {
          int n = r.count();
          if (n == 0) {
            throw Reader.invalid("a record has at least one field");
          }
          List<RecordType.Field> fields = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            String name = label(r, seen, "field");
            fields.add(new RecordType.Field(name, valType(r, s)));
          }
          return new RecordType(fields);
        }
      case 0x71:
        {
          int n = r.count();
          if (n == 0) {
            throw Reader.invalid("a variant has at least one case");
          }
          List<VariantType.Case> cases = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            String name = label(r, seen, "case");
            Optional<WitType> payload = optionalValType(r, s);
            int refines = r.u8();
            if (refines == 1) {
              r.index();
            } else if (refines != 0) {
              throw Reader.malformed("bad variant case refinement flag");
            }
            cases.add(new VariantType.Case(name, payload));
          }
          return new VariantType(cases);
        }
      case 0x70:
        return new ListType(valType(r, s));
      case 0x6f:
        {
          int n = r.count();
          if (n == 0) {
            throw Reader.invalid("a tuple has at least one field");
          }
          List<WitType> types = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            types.add(valType(r, s));
          }
          return new TupleType(types);
        }
      case 0x6e:
        {
          int n = r.count();
          if (n == 0 || n > 32) {
            throw Reader.invalid("flags have 1 to 32 names, not " + n);
          }
          List<String> names = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            names.add(label(r, seen, "flag"));
          }
          return new FlagsType(names);
        }
      case 0x6d:
        {
          int n = r.count();
          if (n == 0) {
            throw Reader.invalid("an enum has at least one case");
          }
          List<String> names = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            names.add(label(r, seen, "enum case"));
          }
          return new EnumType(names);
        }
      case 0x6b:
        return new OptionType(valType(r, s));
      case 0x6a:
        {
          Optional<WitType> ok = optionalValType(r, s);
          Optional<WitType> err = optionalValType(r, s);
          return new ResultType(ok, err);
        }
      case 0x69:
        return new OwnType(resource(r, s));
      case 0x68:
        return new BorrowType(resource(r, s));
      case 0x67:
        throw Reader.invalid("fixed-length lists are not supported");
      case 0x66:
      case 0x65:
        throw Reader.invalid("futures and streams are not supported");
      default:
        throw Reader.malformed("unknown type 0x" + Integer.toHexString(b));
    }
  }

  private static ResourceType resource(Reader r, TypeScope s) {
    int index = r.index();
    TypeDef d = s.type(index);
    if (d instanceof TypeDef.Resource res) {
      return res.type();
    }
    throw Reader.invalid("type " + index + " is not a resource type");
  }

  private static TypeDef componentType(Reader r, TypeScope parent) {
    TypeScope s = new TypeScope(parent);
    Map<String, Item> imports = new LinkedHashMap<>();
    Map<String, Item> exports = instanceDecls(r, s, imports);
    return new TypeDef.Component(imports, exports);
  }

  /** The declarations of an instance type, or of a component type when {@code imports} is given. */
  private static Map<String, Item> instanceDecls(Reader r, TypeScope s, Map<String, Item> imports) {
    Map<String, Item> exports = new LinkedHashMap<>();
    int n = r.count();
    for (int i = 0; i < n; i++) {
      int b = r.u8();
      switch (b) {
        case 0x00 -> {
          CoreTypes.skip(r);
          s.types.add(new TypeDef.Core());
        }
        case 0x01 -> s.types.add(defType(r, s));
        case 0x02 -> alias(r, s);
        case 0x03 -> {
          if (imports == null) {
            throw Reader.malformed("an import in an instance type");
          }
          String name = externName(r);
          Item item = externDesc(r, s, name);
          if (imports.put(name, item) != null) {
            throw Reader.invalid("duplicate import name " + name);
          }
          declare(s, item);
        }
        case 0x04 -> {
          String name = externName(r);
          Item item = externDesc(r, s, name);
          if (exports.put(name, item) != null) {
            throw Reader.invalid("duplicate export name " + name);
          }
          declare(s, item);
        }
        default -> throw Reader.malformed("unknown type declaration 0x" + Integer.toHexString(b));
      }
    }
    return exports;
  }

  private static void declare(TypeScope s, Item item) {
    if (item instanceof Item.Type t) {
      s.types.add(t.def());
    } else if (item instanceof Item.Instance inst) {
      s.instances.add(inst.exports());
    }
  }

  private static void alias(Reader r, TypeScope s) {
    Sort sort = Sort.read(r);
    int target = r.u8();
    if (target == 0x02) {
      int count = r.index();
      int index = r.index();
      if (sort == Sort.TYPE) {
        s.types.add(s.outer(count).type(index));
      } else if (sort != Sort.CORE_TYPE) {
        throw Reader.invalid("outer alias of a " + sort + " in a type");
      } else {
        s.types.add(new TypeDef.Core());
      }
    } else if (target == 0x00) {
      int instance = r.index();
      String name = r.name();
      if (instance >= s.instances.size()) {
        throw Reader.invalid("instance index " + instance + " out of bounds");
      }
      Item item = s.instances.get(instance).get(name);
      if (item == null) {
        throw Reader.invalid("instance " + instance + " has no export " + name);
      }
      if (sort == Sort.TYPE && item instanceof Item.Type t) {
        s.types.add(t.def());
      } else if (sort == Sort.INSTANCE && item instanceof Item.Instance inst) {
        s.instances.add(inst.exports());
      } else if (sort != Sort.FUNC && sort != Sort.VALUE && sort != Sort.COMPONENT) {
        throw Reader.invalid("export " + name + " is not a " + sort);
      }
    } else {
      throw Reader.invalid("this alias is not allowed in a type declaration");
    }
  }

  static String externName(Reader r) {
    int kind = r.u8();
    if (kind != 0x00 && kind != 0x01) {
      throw Reader.malformed("bad name kind 0x" + Integer.toHexString(kind));
    }
    return r.name();
  }

  static Item externDesc(Reader r, TypeScope s, String name) {
    int b = r.u8();
    switch (b) {
      case 0x00:
        if (r.u8() != 0x11) {
          throw Reader.malformed("bad core extern descriptor");
        }
        r.index();
        return new Item.Module();
      case 0x01:
        {
          int index = r.index();
          if (s.type(index) instanceof TypeDef.Func f) {
            return new Item.Func(f.type());
          }
          throw Reader.invalid("type " + index + " is not a function type");
        }
      case 0x02:
        {
          int bound = r.u8();
          if (bound == 0x00) {
            r.index();
            throw Reader.invalid("value imports and exports are not supported");
          }
          return new Item.Value(valType(r, s));
        }
      case 0x03:
        {
          int bound = r.u8();
          if (bound == 0x00) {
            return new Item.Type(s.type(r.index()));
          }
          if (bound == 0x01) {
            return new Item.Type(new TypeDef.Resource(ResourceType.guest(name), -1, false));
          }
          throw Reader.malformed("bad type bound 0x" + Integer.toHexString(bound));
        }
      case 0x04:
        {
          int index = r.index();
          if (s.type(index) instanceof TypeDef.Component c) {
            return new Item.Component(c);
          }
          throw Reader.invalid("type " + index + " is not a component type");
        }
      case 0x05:
        {
          int index = r.index();
          if (s.type(index) instanceof TypeDef.Instance inst) {
            return new Item.Instance(inst.exports());
          }
          throw Reader.invalid("type " + index + " is not an instance type");
        }
      default:
        throw Reader.malformed("unknown extern descriptor 0x" + Integer.toHexString(b));
    }
  }
}
