package dev.wasmlayer.internal.wit;

import dev.wasmlayer.component.EnumType;
import dev.wasmlayer.component.FlagsType;
import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.OptionType;
import dev.wasmlayer.component.RecordType;
import dev.wasmlayer.component.ResultType;
import dev.wasmlayer.component.TupleType;
import dev.wasmlayer.component.VariantType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.component.WitType;
import dev.wasmlayer.component.WitVariant;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the Java objects of a typed view into WIT values in the package's plain form: the inverse
 * of {@link ToJava}. What is already in plain form passes through; the engine checks the outcome
 * against the WIT type.
 */
final class FromJava {
  private FromJava() {}

  static Object convert(Object j, WitType t, String what) {
    if (t instanceof WitPrimitive p) {
      return primitive(j, p);
    } else if (t instanceof ListType l) {
      return list(j, l, what);
    } else if (t instanceof RecordType r) {
      return record(j, r, what);
    } else if (t instanceof TupleType tt) {
      return tuple(j, tt, what);
    } else if (t instanceof VariantType vt) {
      return variant(j, vt, what);
    } else if (t instanceof EnumType) {
      return j instanceof Enum<?> k ? Types.witName(k) : j;
    } else if (t instanceof OptionType o) {
      return option(j, o, what);
    } else if (t instanceof ResultType r) {
      return j instanceof WitResult
          ? j
          : WitResult.ok(r.ok().map(x -> convert(j, x, what)).orElse(null));
    } else if (t instanceof FlagsType) {
      return flags(j);
    }
    return j;
  }

  private static Object primitive(Object j, WitPrimitive p) {
    if (p == WitPrimitive.CHAR) {
      if (j instanceof Character c) {
        return (int) c;
      }
      if (j instanceof String s && s.codePointCount(0, s.length()) == 1) {
        return s.codePointAt(0);
      }
      return j;
    }
    if (!(j instanceof Number n) || j instanceof Float || j instanceof Double) {
      return switch (p) {
        case F32 -> j instanceof Number x ? (Object) x.floatValue() : j;
        case F64 -> j instanceof Number x ? (Object) x.doubleValue() : j;
        default -> j;
      };
    }
    long v = n.longValue();
    return switch (p) {
      case S8 -> fits(v, Byte.MIN_VALUE, Byte.MAX_VALUE, j, (byte) v);
      case U8 -> fits(v, Byte.MIN_VALUE, 0xFF, j, (byte) v);
      case S16 -> fits(v, Short.MIN_VALUE, Short.MAX_VALUE, j, (short) v);
      case U16 -> fits(v, Short.MIN_VALUE, 0xFFFF, j, (short) v);
      case S32 -> fits(v, Integer.MIN_VALUE, Integer.MAX_VALUE, j, (int) v);
      case U32 -> fits(v, Integer.MIN_VALUE, 0xFFFF_FFFFL, j, (int) v);
      case S64, U64 -> v;
      case F32 -> n.floatValue();
      case F64 -> n.doubleValue();
      default -> j;
    };
  }

  /** A number out of the type's range stays as it is, for the engine's check to refuse by name. */
  private static Object fits(long v, long min, long max, Object original, Object narrowed) {
    return v >= min && v <= max ? narrowed : original;
  }

  private static Object list(Object j, ListType l, String what) {
    if (j == null || (j.getClass().isArray() && j.getClass().getComponentType().isPrimitive())) {
      return j;
    }
    List<?> items = Types.asList(j);
    List<Object> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(convert(items.get(i), l.element(), what + "[" + i + "]"));
    }
    return PlainLists.of(out, l.element());
  }

  private static Object record(Object j, RecordType r, String what) {
    if (j == null || !j.getClass().isRecord()) {
      return j;
    }
    Map<String, Object> byName = new LinkedHashMap<>();
    for (RecordComponent c : j.getClass().getRecordComponents()) {
      byName.put(WitNames.of(c, c.getName()), Types.component(j, c));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordType.Field f : r.fields()) {
      if (!byName.containsKey(f.name())) {
        throw new IllegalArgumentException(
            what + ": " + j.getClass().getName() + " has no component for field " + f.name());
      }
      out.put(f.name(), convert(byName.get(f.name()), f.type(), what + "." + f.name()));
    }
    return out;
  }

  private static Object tuple(Object j, TupleType t, String what) {
    List<?> items;
    if (j != null && j.getClass().isRecord()) {
      RecordComponent[] cs = j.getClass().getRecordComponents();
      List<Object> vs = new ArrayList<>();
      for (RecordComponent c : cs) {
        vs.add(Types.component(j, c));
      }
      items = vs;
    } else if (j instanceof List<?> l) {
      items = l;
    } else {
      return j;
    }
    if (items.size() != t.types().size()) {
      return items;
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      out.add(convert(items.get(i), t.types().get(i), what + "." + i));
    }
    return out;
  }

  private static Object variant(Object j, VariantType vt, String what) {
    if (j instanceof WitVariant w) {
      int i = vt.indexOf(w.caseName());
      return i < 0 || w.payload() == null || vt.cases().get(i).payload().isEmpty()
          ? w
          : new WitVariant(
              w.caseName(), convert(w.payload(), vt.cases().get(i).payload().get(), what));
    }
    if (j instanceof Enum<?> k) {
      return WitVariant.of(Types.witName(k));
    }
    if (j != null && j.getClass().isRecord()) {
      String name = WitNames.of(j.getClass(), j.getClass().getSimpleName());
      int i = vt.indexOf(name);
      RecordComponent[] cs = j.getClass().getRecordComponents();
      if (i < 0 || cs.length > 1) {
        throw new IllegalArgumentException(
            what + ": " + j.getClass().getName() + " is no case of " + vt);
      }
      Object payload = cs.length == 0 ? null : Types.component(j, cs[0]);
      return new WitVariant(
          name, vt.cases().get(i).payload().map(p -> convert(payload, p, what)).orElse(payload));
    }
    return j;
  }

  private static Object option(Object j, OptionType o, String what) {
    if (j instanceof Optional<?> opt) {
      return opt.map(x -> convert(x, o.some(), what));
    }
    return j == null ? Optional.empty() : Optional.of(convert(j, o.some(), what));
  }

  private static Object flags(Object j) {
    if (!(j instanceof Set<?> s)) {
      return j;
    }
    Set<Object> out = new LinkedHashSet<>();
    for (Object x : s) {
      out.add(x instanceof Enum<?> k ? Types.witName(k) : x);
    }
    return out;
  }
}
