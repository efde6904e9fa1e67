package dev.wasmlayer.internal.wit;

import dev.wasmlayer.LinkException;
import dev.wasmlayer.component.ComponentFunc;
import dev.wasmlayer.component.ComponentInstance;
import dev.wasmlayer.component.WitFuncType;
import dev.wasmlayer.component.WitType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;

/**
 * Typed views of a component's exports: a Java interface whose methods call the functions of one
 * exported WIT interface, converting records, enums, variants, flags, options, results and lists.
 * Every method is matched to its function and checked for arity when the view is made.
 */
public final class WitViews {
  private WitViews() {}

  /**
   * {@return a view of {@code iface} of {@code instance} as {@code view}}
   *
   * @param <T> the view type
   * @param instance the instance
   * @param iface the exported interface, or {@code ""} for top-level functions
   * @param view a Java interface
   */
  public static <T> T bind(ComponentInstance instance, String iface, Class<T> view) {
    if (!view.isInterface()) {
      throw new IllegalArgumentException(view.getName() + " is not an interface");
    }
    boolean defaults = java.util.Arrays.stream(view.getMethods()).anyMatch(Method::isDefault);
    if (defaults && !Modifier.isPublic(view.getModifiers())) {
      throw new IllegalArgumentException(
          view.getName() + " has default methods, so it must be public for the view to run them");
    }
    Map<Method, Bound> calls = new HashMap<>();
    for (Method m : view.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.isDefault()) {
        continue;
      }
      String name = WitNames.of(m, m.getName());
      ComponentFunc f =
          (iface.isEmpty() ? instance.func(name) : instance.func(iface, name))
              .orElseThrow(
                  () ->
                      new LinkException(
                          view.getSimpleName()
                              + "."
                              + m.getName()
                              + ": the component exports no function "
                              + (iface.isEmpty() ? "" : iface + "#")
                              + name));
      WitFuncType type = f.type();
      if (type.params().size() != m.getParameterCount()) {
        throw new LinkException(
            view.getSimpleName()
                + "."
                + m.getName()
                + " takes "
                + m.getParameterCount()
                + " parameters; "
                + name
                + " is "
                + type);
      }
      calls.put(m, new Bound(f, type, m.getGenericReturnType(), name));
    }
    InvocationHandler h =
        (proxy, m, args) -> {
          Bound b = calls.get(m);
          if (b != null) {
            return b.call(args == null ? new Object[0] : args);
          }
          if (m.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, m, args);
          }
          return switch (m.getName()) {
            case "toString" ->
                view.getSimpleName() + " view of " + (iface.isEmpty() ? "exports" : iface);
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(m.toString());
          };
        };
    return view.cast(Proxy.newProxyInstance(view.getClassLoader(), new Class<?>[] {view}, h));
  }

  private record Bound(ComponentFunc func, WitFuncType type, Type returns, String name) {
    Object call(Object[] args) {
      Object[] plain = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        WitFuncType.Param p = type.params().get(i);
        plain[i] = FromJava.convert(args[i], p.type(), name + " parameter " + p.name());
      }
      Object result = func.call(plain);
      if (type.result().isEmpty() || returns == void.class) {
        return null;
      }
      WitType rt = type.result().get();
      return ToJava.convert(result, rt, returns, name);
    }
  }

  /**
   * {@return {@code value}, a Java object, in the plain form of {@code type}}
   *
   * @param value a Java record, enum, list… or a plain WIT value
   * @param type its WIT type
   */
  public static Object plain(Object value, WitType type) {
    return FromJava.convert(value, type, "value");
  }

  /**
   * {@return a plain WIT value as {@code target}}
   *
   * @param value a plain WIT value
   * @param type its WIT type
   * @param target the Java type to make
   */
  public static Object typed(Object value, WitType type, Type target) {
    return ToJava.convert(value, type, target, "value");
  }
}
