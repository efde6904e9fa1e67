package dev.wasmlayer.internal.wit;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.AbstractList;
import java.util.Collection;
import java.util.List;

/** Reflection helpers for the WIT conversions. */
final class Types {
  private Types() {}

  static Class<?> raw(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (t instanceof WildcardType w) {
      return raw(w.getUpperBounds()[0]);
    }
    return Object.class;
  }

  /** {@return the {@code i}th type argument of {@code t}, or Object when it has none} */
  static Type typeArgument(Type t, int i) {
    return t instanceof ParameterizedType p && p.getActualTypeArguments().length > i
        ? p.getActualTypeArguments()[i]
        : Object.class;
  }

  /** {@return a list view of a List, Collection or array} */
  static List<?> asList(Object v) {
    if (v instanceof List<?> l) {
      return l;
    }
    if (v instanceof Collection<?> c) {
      return List.copyOf(c);
    }
    if (v != null && v.getClass().isArray()) {
      int n = Array.getLength(v);
      return new AbstractList<>() {
        @Override
        public Object get(int i) {
          return Array.get(v, i);
        }

        @Override
        public int size() {
          return n;
        }
      };
    }
    throw new IllegalArgumentException("not a list: " + v);
  }

  static Object construct(Class<?> record, Object[] args, String what) {
    RecordComponent[] cs = record.getRecordComponents();
    Class<?>[] types = new Class<?>[cs.length];
    for (int i = 0; i < cs.length; i++) {
      types[i] = cs[i].getType();
    }
    try {
      Constructor<?> c = record.getDeclaredConstructor(types);
      c.setAccessible(true);
      return c.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(
          what + ": " + record.getName() + " refused the value", e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(
          what + ": cannot make a " + record.getName() + ": " + e, e);
    }
  }

  static Object component(Object record, RecordComponent c) {
    try {
      var m = c.getAccessor();
      m.setAccessible(true);
      return m.invoke(record);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(c + " threw", e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read " + c + ": " + e, e);
    }
  }

  static Object enumConstant(Class<?> e, String witName, String what) {
    for (Object c : e.getEnumConstants()) {
      Enum<?> k = (Enum<?>) c;
      if (witName(k).equals(witName)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        what + ": " + e.getName() + " has no constant for " + witName);
  }

  static String witName(Enum<?> k) {
    try {
      return WitNames.of(k.getDeclaringClass().getField(k.name()), k.name());
    } catch (NoSuchFieldException impossible) {
      return WitNames.kebab(k.name());
    }
  }
}
