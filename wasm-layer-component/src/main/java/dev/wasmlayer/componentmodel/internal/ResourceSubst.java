package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.component.BorrowType;
import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.OptionType;
import dev.wasmlayer.component.OwnType;
import dev.wasmlayer.component.RecordType;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.component.ResultType;
import dev.wasmlayer.component.TupleType;
import dev.wasmlayer.component.VariantType;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The static types of a nested component's instance: its exports with every resource type it
 * imports replaced by the type given for that import, so an exported resource is the type the
 * instantiating component passed (one type, by identity, whatever the nested component called it).
 */
final class ResourceSubst {
  private final Map<ResourceType, ResourceType> map = new LinkedHashMap<>();

  /** Records the resource types {@code given} supplies for the import {@code declared}. */
  void bind(Item declared, Object given) {
    if (declared instanceof Item.Type t
        && t.def() instanceof TypeDef.Resource placeholder
        && !placeholder.defined()
        && given instanceof TypeDef.Resource actual) {
      map.put(placeholder.type(), actual.type());
    } else if (declared instanceof Item.Instance i && given instanceof Map<?, ?> m) {
      i.exports()
          .forEach(
              (name, member) -> {
                Object g = m.get(name);
                if (g instanceof Item.Type gt) {
                  bind(member, gt.def());
                } else if (g instanceof Item.Instance gi) {
                  bind(member, gi.exports());
                }
              });
    }
  }

  Map<String, Item> items(Map<String, Item> items) {
    if (map.isEmpty()) {
      return new LinkedHashMap<>(items);
    }
    Map<String, Item> out = new LinkedHashMap<>();
    items.forEach((k, v) -> out.put(k, item(v)));
    return out;
  }

  private Item item(Item v) {
    if (v instanceof Item.Func f) {
      return new Item.Func(func(f.type()));
    } else if (v instanceof Item.Instance i) {
      return new Item.Instance(items(i.exports()));
    } else if (v instanceof Item.Type t) {
      return new Item.Type(def(t.def()));
    } else if (v instanceof Item.Value val) {
      return new Item.Value(type(val.type()));
    }
    return v;
  }

  private TypeDef def(TypeDef d) {
    if (d instanceof TypeDef.Resource r && map.containsKey(r.type())) {
      return new TypeDef.Resource(map.get(r.type()), r.dtor(), r.defined());
    } else if (d instanceof TypeDef.Val val) {
      return new TypeDef.Val(type(val.type()));
    } else if (d instanceof TypeDef.Func f) {
      return new TypeDef.Func(func(f.type()));
    } else if (d instanceof TypeDef.Instance i) {
      return new TypeDef.Instance(items(i.exports()));
    }
    return d;
  }

  private WitFuncType func(WitFuncType f) {
    List<WitFuncType.Param> params = new ArrayList<>();
    for (WitFuncType.Param p : f.params()) {
      params.add(new WitFuncType.Param(p.name(), type(p.type())));
    }
    return new WitFuncType(params, f.result().map(this::type));
  }

  private ResourceType resource(ResourceType r) {
    return map.getOrDefault(r, r);
  }

  private WitType type(WitType t) {
    if (t instanceof OwnType o) {
      return new OwnType(resource(o.resource()));
    } else if (t instanceof BorrowType b) {
      return new BorrowType(resource(b.resource()));
    } else if (t instanceof ListType l) {
      return new ListType(type(l.element()));
    } else if (t instanceof OptionType o) {
      return new OptionType(type(o.some()));
    } else if (t instanceof ResultType r) {
      return new ResultType(r.ok().map(this::type), r.err().map(this::type));
    } else if (t instanceof TupleType tt) {
      List<WitType> types = new ArrayList<>();
      for (WitType e : tt.types()) {
        types.add(type(e));
      }
      return new TupleType(types);
    } else if (t instanceof RecordType rt) {
      List<RecordType.Field> fields = new ArrayList<>();
      for (RecordType.Field f : rt.fields()) {
        fields.add(new RecordType.Field(f.name(), type(f.type())));
      }
      return new RecordType(fields);
    } else if (t instanceof VariantType vt) {
      List<VariantType.Case> cases = new ArrayList<>();
      for (VariantType.Case c : vt.cases()) {
        cases.add(new VariantType.Case(c.name(), c.payload().map(this::type)));
      }
      return new VariantType(cases);
    }
    return t;
  }
}
