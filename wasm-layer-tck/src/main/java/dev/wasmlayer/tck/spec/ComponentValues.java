package dev.wasmlayer.tck.spec;

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
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The component suite's typed values ({@code {"type": "u32", "value": "5"}}, as {@code
 * scripts/component-suite.mjs} writes them) turned into the API's Java value mapping for a WIT type
 * (see {@code dev.wasmlayer.component}), compared and shown.
 */
final class ComponentValues {
  private ComponentValues() {}

  /**
   * {@return the Java value of a script value for a WIT type}
   *
   * @throws IllegalArgumentException if the script value does not fit the type
   */
  @SuppressWarnings("unchecked")
  static Object toJava(Map<String, Object> v, WitType type) {
    String tag = (String) v.get("type");
    Object raw = v.get("value");
    if (type instanceof WitPrimitive p) {
      String want = p.name().toLowerCase(Locale.ROOT);
      if (!want.equals(tag)) {
        throw new IllegalArgumentException("a " + tag + " value where the type is " + want);
      }
      return switch (p) {
        case BOOL -> (Boolean) raw;
        case S8, U8 -> (byte) Long.parseLong((String) raw);
        case S16, U16 -> (short) Long.parseLong((String) raw);
        case S32, U32 -> (int) Long.parseLong((String) raw);
        case S64 -> Long.parseLong((String) raw);
        case U64 -> Long.parseUnsignedLong((String) raw);
        case F32 -> (float) parseFloat((String) raw, true);
        case F64 -> parseFloat((String) raw, false);
        case CHAR -> ((Long) raw).intValue();
        case STRING -> (String) raw;
      };
    }
    expectTag(tag, type);
    if (type instanceof ListType l) {
      List<Object> items = (List<Object>) raw;
      Object[] elements = new Object[items.size()];
      for (int i = 0; i < elements.length; i++) {
        elements[i] = toJava((Map<String, Object>) items.get(i), l.element());
      }
      Class<?> primitive = primitiveOf(l.element());
      if (primitive == null) {
        return new ArrayList<>(Arrays.asList(elements));
      }
      Object array = Array.newInstance(primitive, elements.length);
      for (int i = 0; i < elements.length; i++) {
        Array.set(array, i, elements[i]);
      }
      return array;
    }
    if (type instanceof RecordType r) {
      Map<String, Object> given = new LinkedHashMap<>();
      for (Object f : (List<Object>) raw) {
        Map<String, Object> field = (Map<String, Object>) f;
        given.put((String) field.get("name"), field.get("value"));
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (RecordType.Field f : r.fields()) {
        Object fv = given.remove(f.name());
        if (fv == null) {
          throw new IllegalArgumentException("record value lacks field " + f.name());
        }
        out.put(f.name(), toJava((Map<String, Object>) fv, f.type()));
      }
      if (!given.isEmpty()) {
        throw new IllegalArgumentException("record value has unknown fields " + given.keySet());
      }
      return out;
    }
    if (type instanceof TupleType t) {
      List<Object> items = (List<Object>) raw;
      if (items.size() != t.types().size()) {
        throw new IllegalArgumentException(
            "a tuple of " + items.size() + " where the type has " + t.types().size());
      }
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        out.add(toJava((Map<String, Object>) items.get(i), t.types().get(i)));
      }
      return out;
    }
    if (type instanceof VariantType vt) {
      String name = (String) v.get("case");
      VariantType.Case c =
          vt.cases().stream()
              .filter(x -> x.name().equals(name))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no case " + name + " in " + vt));
      return new WitVariant(name, payload(raw, c.payload()));
    }
    if (type instanceof EnumType) {
      return (String) raw;
    }
    if (type instanceof OptionType o) {
      return raw == null
          ? Optional.empty()
          : Optional.of(toJava((Map<String, Object>) raw, o.some()));
    }
    if (type instanceof ResultType r) {
      boolean ok = (Boolean) v.get("ok");
      return new WitResult(ok, payload(raw, ok ? r.ok() : r.err()));
    }
    if (type instanceof FlagsType) {
      Set<String> out = new LinkedHashSet<>();
      for (Object name : (List<Object>) raw) {
        out.add((String) name);
      }
      return out;
    }
    throw new IllegalArgumentException("the script has no values of type " + type);
  }

  @SuppressWarnings("unchecked")
  private static Object payload(Object raw, Optional<WitType> type) {
    if (type.isEmpty() != (raw == null)) {
      throw new IllegalArgumentException(
          raw == null ? "a payload is missing" : "a payload where the type has none");
    }
    return raw == null ? null : toJava((Map<String, Object>) raw, type.get());
  }

  private static void expectTag(String tag, WitType type) {
    String want;
    if (type instanceof ListType) {
      want = "list";
    } else if (type instanceof RecordType) {
      want = "record";
    } else if (type instanceof TupleType) {
      want = "tuple";
    } else if (type instanceof VariantType) {
      want = "variant";
    } else if (type instanceof EnumType) {
      want = "enum";
    } else if (type instanceof OptionType) {
      want = "option";
    } else if (type instanceof ResultType) {
      want = "result";
    } else if (type instanceof FlagsType) {
      want = "flags";
    } else {
      want = type.toString();
    }
    if (!want.equals(tag)) {
      throw new IllegalArgumentException("a " + tag + " value where the type is " + type);
    }
  }

  /** The primitive array element of a numeric list, or null when the list is a List. */
  private static Class<?> primitiveOf(WitType element) {
    if (!(element instanceof WitPrimitive p)) {
      return null;
    }
    return switch (p) {
      case S8, U8 -> byte.class;
      case S16, U16 -> short.class;
      case S32, U32 -> int.class;
      case S64, U64 -> long.class;
      case F32 -> float.class;
      case F64 -> double.class;
      default -> null;
    };
  }

  /**
   * A wast float literal: decimal, hexadecimal ({@code 0x1.8p3}), {@code inf} or {@code nan}; an
   * f32 is read as a float (no double rounding) and returned widened.
   */
  static double parseFloat(String s, boolean single) {
    boolean neg = s.startsWith("-");
    String m = neg || s.startsWith("+") ? s.substring(1) : s;
    if (m.startsWith("nan")) {
      boolean payload = m.startsWith("nan:0x");
      if (single) {
        int bits = payload ? Integer.parseInt(m.substring(6), 16) : 0x400000;
        return Float.intBitsToFloat((neg ? 0x80000000 : 0) | 0x7f800000 | bits);
      }
      long bits = payload ? Long.parseLong(m.substring(6), 16) : 1L << 51;
      return Double.longBitsToDouble((neg ? 1L << 63 : 0) | 0x7ff0000000000000L | bits);
    }
    String t =
        m.equals("inf")
            ? "Infinity"
            : m.startsWith("0x") && !m.contains("p") && !m.contains("P") ? m + "p0" : m;
    double d = single ? Float.parseFloat(t) : Double.parseDouble(t);
    return neg ? -d : d;
  }

  /** Whether two Java values are the same WIT value (floats by bits, arrays by content). */
  static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.getClass().isArray() && b.getClass().isArray()) {
      return Objects.deepEquals(a, b);
    }
    if (a instanceof Float x && b instanceof Float y) {
      return Float.floatToIntBits(x) == Float.floatToIntBits(y);
    }
    if (a instanceof Double x && b instanceof Double y) {
      return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!new ArrayList<>(x.keySet()).equals(new ArrayList<>(y.keySet()))) {
        return false;
      }
      for (Object k : x.keySet()) {
        if (!same(x.get(k), y.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Optional<?> x && b instanceof Optional<?> y) {
      return x.isPresent() == y.isPresent() && (x.isEmpty() || same(x.get(), y.get()));
    }
    if (a instanceof WitVariant x && b instanceof WitVariant y) {
      return x.caseName().equals(y.caseName()) && same(x.payload(), y.payload());
    }
    if (a instanceof WitResult x && b instanceof WitResult y) {
      return x.isOk() == y.isOk() && same(x.value(), y.value());
    }
    if (a instanceof Set<?> x && b instanceof Set<?> y) {
      return x.equals(y);
    }
    return a.equals(b);
  }

  /** {@return a value for a message, with its Java class where that matters} */
  static String show(Object v) {
    if (v == null) {
      return "null";
    }
    if (v.getClass().isArray()) {
      StringBuilder b = new StringBuilder(v.getClass().getComponentType().getName() + "[");
      for (int i = 0; i < Array.getLength(v); i++) {
        b.append(i == 0 ? "" : ", ").append(Array.get(v, i));
      }
      return b.append(']').toString();
    }
    if (v instanceof String s) {
      return '"' + s + '"';
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v + " (" + v.getClass().getSimpleName() + ")";
    }
    return v.toString();
  }
}
