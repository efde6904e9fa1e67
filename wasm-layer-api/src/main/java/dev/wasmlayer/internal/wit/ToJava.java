package dev.wasmlayer.internal.wit;

import dev.wasmlayer.component.EnumType;
import dev.wasmlayer.component.FlagsType;
import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.OptionType;
import dev.wasmlayer.component.RecordType;
import dev.wasmlayer.component.ResultType;
import dev.wasmlayer.component.TupleType;
import dev.wasmlayer.component.VariantType;
import dev.wasmlayer.component.WitErrorException;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.component.WitType;
import dev.wasmlayer.component.WitVariant;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a WIT value in the package's plain form into the Java type a typed view declares: records
 * into Java records, enums into Java enums, variants into the records of a sealed interface, flags
 * into an {@link EnumSet}, lists into arrays or lists, options into {@link Optional} or null, and a
 * result's error into {@link WitErrorException}.
 */
final class ToJava {
  private ToJava() {}

  static Object convert(Object v, WitType t, Type target, String what) {
    Class<?> raw = Types.raw(target);
    if (raw == Object.class) {
      return v;
    }
    if (t instanceof WitPrimitive p) {
      return primitive(v, p, raw, what);
    } else if (t instanceof ListType l) {
      return list(v, l, target, raw, what);
    } else if (t instanceof RecordType r) {
      return record(v, r, raw, what);
    } else if (t instanceof TupleType tt) {
      return tuple(v, tt, raw, what);
    } else if (t instanceof VariantType vt) {
      return variant(v, vt, raw, what);
    } else if (t instanceof EnumType) {
      return raw.isEnum() ? Types.enumConstant(raw, (String) v, what) : v;
    } else if (t instanceof OptionType o) {
      return option(v, o, target, raw, what);
    } else if (t instanceof ResultType r) {
      return result(v, r, target, raw, what);
    } else if (t instanceof FlagsType) {
      return flags(v, target, raw, what);
    }
    return v; // own/borrow: the host object or GuestResource as it is
  }

  private static Object primitive(Object v, WitPrimitive p, Class<?> raw, String what) {
    if (p == WitPrimitive.CHAR) {
      int cp = (Integer) v;
      if (raw == String.class) {
        return Character.toString(cp);
      }
      if (raw == char.class || raw == Character.class) {
        if (cp > 0xFFFF) {
          throw new IllegalArgumentException(
              what + ": U+" + Integer.toHexString(cp) + " is no Java char");
        }
        return (char) cp;
      }
      return v;
    }
    if (v instanceof Number n && raw != Number.class) {
      long bits =
          switch (p) {
            case U8 -> n.byteValue() & 0xFFL;
            case U16 -> n.shortValue() & 0xFFFFL;
            case U32 -> n.intValue() & 0xFFFF_FFFFL;
            default -> n.longValue();
          };
      if (raw == long.class || raw == Long.class) {
        return p == WitPrimitive.U64 || v instanceof Long ? n.longValue() : bits;
      }
      if (raw == int.class || raw == Integer.class) {
        return p == WitPrimitive.U32 ? n.intValue() : (int) bits;
      }
      if (raw == short.class || raw == Short.class) {
        return p == WitPrimitive.U16 ? n.shortValue() : (short) bits;
      }
      if (raw == byte.class || raw == Byte.class) {
        return n.byteValue();
      }
      if (raw == double.class || raw == Double.class) {
        return n.doubleValue();
      }
      if (raw == float.class || raw == Float.class) {
        return n.floatValue();
      }
    }
    return v;
  }

  private static Object list(Object v, ListType l, Type target, Class<?> raw, String what) {
    if (raw.isArray() && raw.getComponentType().isPrimitive() && raw.isInstance(v)) {
      return v;
    }
    List<?> items = Types.asList(v);
    if (raw.isArray()) {
      Class<?> e = raw.getComponentType();
      Object out = Array.newInstance(e, items.size());
      for (int i = 0; i < items.size(); i++) {
        Array.set(out, i, convert(items.get(i), l.element(), e, what + "[" + i + "]"));
      }
      return out;
    }
    Type e = Types.typeArgument(target, 0);
    List<Object> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(convert(items.get(i), l.element(), e, what + "[" + i + "]"));
    }
    return raw.isAssignableFrom(List.class) ? List.copyOf(out) : out;
  }

  private static Object record(Object v, RecordType r, Class<?> raw, String what) {
    if (!raw.isRecord()) {
      return v;
    }
    Map<?, ?> fields = (Map<?, ?>) v;
    RecordComponent[] cs = raw.getRecordComponents();
    Object[] args = new Object[cs.length];
    for (int i = 0; i < cs.length; i++) {
      String name = WitNames.of(cs[i], cs[i].getName());
      WitType ft =
          r.fields().stream()
              .filter(f -> f.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          what + ": the WIT record has no field " + name + " for " + raw.getName()))
              .type();
      args[i] = convert(fields.get(name), ft, cs[i].getGenericType(), what + "." + name);
    }
    return Types.construct(raw, args, what);
  }

  private static Object tuple(Object v, TupleType t, Class<?> raw, String what) {
    List<?> items = (List<?>) v;
    if (raw.isRecord()) {
      RecordComponent[] cs = raw.getRecordComponents();
      if (cs.length != items.size()) {
        throw new IllegalArgumentException(
            what
                + ": "
                + raw.getName()
                + " has "
                + cs.length
                + " components for a tuple of "
                + items.size());
      }
      Object[] args = new Object[cs.length];
      for (int i = 0; i < cs.length; i++) {
        args[i] = convert(items.get(i), t.types().get(i), cs[i].getGenericType(), what + "." + i);
      }
      return Types.construct(raw, args, what);
    }
    return v;
  }

  private static Object variant(Object v, VariantType vt, Class<?> raw, String what) {
    WitVariant w = (WitVariant) v;
    if (raw.isEnum()) {
      return Types.enumConstant(raw, w.caseName(), what);
    }
    if (!raw.isSealed()) {
      return v;
    }
    for (Class<?> c : raw.getPermittedSubclasses()) {
      if (WitNames.of(c, c.getSimpleName()).equals(w.caseName())) {
        WitType payload = vt.cases().get(vt.indexOf(w.caseName())).payload().orElse(null);
        if (c.isRecord() && c.getRecordComponents().length == 1 && payload != null) {
          RecordComponent rc = c.getRecordComponents()[0];
          return Types.construct(
              c, new Object[] {convert(w.payload(), payload, rc.getGenericType(), what)}, what);
        }
        if (c.isRecord() && c.getRecordComponents().length == 0) {
          return Types.construct(c, new Object[0], what);
        }
        throw new IllegalArgumentException(
            what
                + ": "
                + c.getName()
                + " must be a record of zero or one component for case "
                + w.caseName());
      }
    }
    throw new IllegalArgumentException(
        what + ": " + raw.getName() + " permits no case " + w.caseName());
  }

  private static Object option(Object v, OptionType o, Type target, Class<?> raw, String what) {
    Optional<?> opt = (Optional<?>) v;
    if (raw == Optional.class) {
      Type inner = Types.typeArgument(target, 0);
      return opt.map(x -> convert(x, o.some(), inner, what));
    }
    return opt.map(x -> convert(x, o.some(), target, what)).orElse(null);
  }

  private static Object result(Object v, ResultType r, Type target, Class<?> raw, String what) {
    WitResult res = (WitResult) v;
    if (raw == WitResult.class) {
      return v;
    }
    if (!res.isOk()) {
      throw new WitErrorException(what, res.value());
    }
    return r.ok().map(t -> convert(res.value(), t, target, what)).orElse(null);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object flags(Object v, Type target, Class<?> raw, String what) {
    Class<?> e = Types.raw(Types.typeArgument(target, 0));
    if (!(Set.class.isAssignableFrom(raw) || raw == Collection.class) || !e.isEnum()) {
      return v;
    }
    EnumSet out = EnumSet.noneOf((Class<Enum>) e);
    for (Object name : (Set<?>) v) {
      out.add(Types.enumConstant(e, (String) name, what));
    }
    return out;
  }
}
