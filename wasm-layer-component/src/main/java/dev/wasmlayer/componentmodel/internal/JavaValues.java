package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.component.BorrowType;
import dev.wasmlayer.component.EnumType;
import dev.wasmlayer.component.FlagsType;
import dev.wasmlayer.component.ListType;
import dev.wasmlayer.component.OptionType;
import dev.wasmlayer.component.OwnType;
import dev.wasmlayer.component.RecordType;
import dev.wasmlayer.component.ResourceType;
import dev.wasmlayer.component.TupleType;
import dev.wasmlayer.component.VariantType;
import dev.wasmlayer.component.WitPrimitive;
import dev.wasmlayer.component.WitResult;
import dev.wasmlayer.component.WitType;
import dev.wasmlayer.component.WitVariant;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks Java values against WIT types as the package documentation maps them, refusing a wrong
 * shape with {@link IllegalArgumentException} naming where it is, and converts primitives to the
 * bits the ABI passes.
 */
final class JavaValues {
  private JavaValues() {}

  static IllegalArgumentException wrong(String what, WitType t, Object v) {
    return new IllegalArgumentException(
        what
            + ": expected a "
            + t
            + ", got "
            + (v == null ? "null" : v.getClass().getName() + " " + v));
  }

  /** The bits of a primitive other than string, zero-extended for 32-bit types. */
  static long bits(Object v, WitPrimitive p, String what) {
    switch (p) {
      case BOOL:
        if (v instanceof Boolean b) {
          return b ? 1 : 0;
        }
        throw wrong(what, p, v);
      case S8:
        return integer(v, p, what, -128, 127) & 0xFF;
      case U8:
        return integer(v, p, what, -128, 255) & 0xFF;
      case S16:
        return integer(v, p, what, Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFF;
      case U16:
        return integer(v, p, what, Short.MIN_VALUE, 0xFFFF) & 0xFFFF;
      case S32:
        return integer(v, p, what, Integer.MIN_VALUE, Integer.MAX_VALUE) & 0xFFFF_FFFFL;
      case U32:
        return integer(v, p, what, Integer.MIN_VALUE, 0xFFFF_FFFFL) & 0xFFFF_FFFFL;
      case S64:
      case U64:
        return integer(v, p, what, Long.MIN_VALUE, Long.MAX_VALUE);
      case F32:
        if (v instanceof Float || v instanceof Double) {
          float f = ((Number) v).floatValue();
          return (Float.isNaN(f) ? 0x7fc0_0000 : Float.floatToRawIntBits(f)) & 0xFFFF_FFFFL;
        }
        throw wrong(what, p, v);
      case F64:
        if (v instanceof Float || v instanceof Double) {
          double d = ((Number) v).doubleValue();
          return Double.isNaN(d) ? 0x7ff8_0000_0000_0000L : Double.doubleToRawLongBits(d);
        }
        throw wrong(what, p, v);
      case CHAR:
        {
          long c;
          if (v instanceof Character ch) {
            c = ch;
          } else if (v instanceof Integer i) {
            c = i;
          } else {
            throw wrong(what, p, v);
          }
          if (!isScalar(c)) {
            throw new IllegalArgumentException(what + ": " + c + " is not a Unicode scalar value");
          }
          return c;
        }
      default:
        throw new IllegalStateException("not a scalar: " + p);
    }
  }

  static boolean isScalar(long c) {
    return c >= 0 && c < 0x110000 && (c < 0xD800 || c > 0xDFFF);
  }

  private static long integer(Object v, WitPrimitive p, String what, long min, long max) {
    if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
      long x = ((Number) v).longValue();
      if (x < min || x > max) {
        throw new IllegalArgumentException(what + ": " + x + " is out of range for " + p);
      }
      return x;
    }
    throw wrong(what, p, v);
  }

  /** The elements of a list value: a primitive array or a collection. */
  static List<?> elements(Object v, ListType t, String what) {
    if (v instanceof List<?> l) {
      return l;
    }
    if (v instanceof Collection<?> c) {
      return new ArrayList<>(c);
    }
    if (v != null && v.getClass().isArray()) {
      int n = Array.getLength(v);
      List<Object> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(Array.get(v, i));
      }
      return out;
    }
    throw wrong(what, t, v);
  }

  static Map<?, ?> record(Object v, RecordType t, String what) {
    if (!(v instanceof Map<?, ?> m)) {
      throw wrong(what, t, v);
    }
    for (RecordType.Field f : t.fields()) {
      if (!m.containsKey(f.name())) {
        throw new IllegalArgumentException(what + ": the record has no field " + f.name());
      }
    }
    if (m.size() != t.fields().size()) {
      throw new IllegalArgumentException(what + ": the record has fields not in " + t);
    }
    return m;
  }

  static List<?> tuple(Object v, TupleType t, String what) {
    if (!(v instanceof List<?> l) || l.size() != t.types().size()) {
      throw wrong(what, t, v);
    }
    return l;
  }

  /** The case index and payload of a variant-like value. */
  static Object[] variantCase(Object v, WitType t, String what) {
    if (t instanceof VariantType vt) {
      if (!(v instanceof WitVariant w)) {
        throw wrong(what, t, v);
      }
      int i = vt.indexOf(w.caseName());
      if (i < 0) {
        throw new IllegalArgumentException(what + ": no case " + w.caseName() + " in " + t);
      }
      return new Object[] {i, w.payload()};
    } else if (t instanceof EnumType et) {
      int i = v instanceof String s ? et.cases().indexOf(s) : -1;
      if (i < 0) {
        throw wrong(what, t, v);
      }
      return new Object[] {i, null};
    } else if (t instanceof OptionType) {
      if (!(v instanceof Optional<?> o)) {
        throw wrong(what, t, v);
      }
      return o.isPresent() ? new Object[] {1, o.get()} : new Object[] {0, null};
    } else {
      if (!(v instanceof WitResult r)) {
        throw wrong(what, t, v);
      }
      return new Object[] {r.isOk() ? 0 : 1, r.value()};
    }
  }

  static long[] flags(Object v, FlagsType t, String what) {
    if (!(v instanceof Set<?> s)) {
      throw wrong(what, t, v);
    }
    long[] words = new long[Abi.flagWords(t.names().size())];
    for (Object o : s) {
      int i = o instanceof String name ? t.names().indexOf(name) : -1;
      if (i < 0) {
        throw new IllegalArgumentException(what + ": no flag " + o + " in " + t);
      }
      words[i / 32] |= 1L << (i % 32);
    }
    return words;
  }

  /** Checks {@code v} fits {@code t} all the way down, without touching any guest. */
  static void check(Object v, WitType t, InstanceState inst, String what) {
    if (t instanceof WitPrimitive p) {
      if (p == WitPrimitive.STRING) {
        if (!(v instanceof String)) {
          throw wrong(what, t, v);
        }
      } else {
        bits(v, p, what);
      }
    } else if (t instanceof ListType l) {
      if (v != null && v.getClass().isArray() && v.getClass().getComponentType().isPrimitive()) {
        PrimitiveLists.check(v, l, what);
        return;
      }
      List<?> items = elements(v, l, what);
      for (int i = 0; i < items.size(); i++) {
        check(items.get(i), l.element(), inst, what + "[" + i + "]");
      }
    } else if (t instanceof RecordType r) {
      Map<?, ?> m = record(v, r, what);
      for (RecordType.Field f : r.fields()) {
        check(m.get(f.name()), f.type(), inst, what + "." + f.name());
      }
    } else if (t instanceof TupleType tt) {
      List<?> l = tuple(v, tt, what);
      for (int i = 0; i < l.size(); i++) {
        check(l.get(i), tt.types().get(i), inst, what + "." + i);
      }
    } else if (Abi.isVariantLike(t)) {
      Object[] c = variantCase(v, t, what);
      Optional<WitType> payload = Abi.cases(t).get((Integer) c[0]);
      if (payload.isPresent()) {
        check(c[1], payload.get(), inst, what + "(" + c[0] + ")");
      } else if (c[1] != null && !(t instanceof EnumType)) {
        throw new IllegalArgumentException(
            what + ": case " + c[0] + " of " + t + " has no payload");
      }
    } else if (t instanceof FlagsType f) {
      flags(v, f, what);
    } else if (t instanceof OwnType o) {
      resource(v, inst.resolve(o.resource()), true, what);
    } else if (t instanceof BorrowType b) {
      resource(v, inst.resolve(b.resource()), false, what);
    }
  }

  static void resource(Object v, ResourceType rt, boolean own, String what) {
    if (rt.isHost()) {
      if (v == null || v instanceof GuestResourceImpl) {
        throw new IllegalArgumentException(
            what + ": expected the Java object of " + rt + ", got " + v);
      }
      return;
    }
    if (!(v instanceof GuestResourceImpl g) || g.type != rt) {
      throw new IllegalArgumentException(
          what + ": expected a GuestResource of " + rt + ", got " + v);
    }
    if (own && !g.isOwned()) {
      throw new IllegalArgumentException(
          what + ": " + g + " is not owned, so it cannot be given away");
    }
    if (!own && !g.isOwned() && !g.borrowed) {
      throw new IllegalArgumentException(what + ": " + g + " was given away or dropped");
    }
  }
}
