package dev.wasmlayer.internal.wit;

import dev.wasmlayer.LinkException;
import dev.wasmlayer.component.ComponentHostFunction;
import dev.wasmlayer.component.ComponentItem;
import dev.wasmlayer.component.WitFuncType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Host functions from a Java object's public methods, typed by the WIT interface a component
 * imports: each function of the interface is served by the method of the same name in kebab-case
 * (or its {@link dev.wasmlayer.component.WitName}), its WIT arguments converted to the method's
 * parameter types and its result back.
 */
public final class WitHosts {
  private WitHosts() {}

  /**
   * One host function per function of {@code iface}.
   *
   * @param iface the imported interface's functions and resources
   * @param ifaceName its name, for messages
   * @param impl the Java object
   * @return each function's name, type and code
   * @throws LinkException if a function has no method, or two methods claim it
   */
  public static Map<String, Map.Entry<WitFuncType, ComponentHostFunction>> of(
      ComponentItem.Interface iface, String ifaceName, Object impl) {
    Map<String, Method> byName = new LinkedHashMap<>();
    for (Method m : impl.getClass().getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
        continue;
      }
      Method clash = byName.put(WitNames.of(m, m.getName()), m);
      if (clash != null && !clash.getName().equals(m.getName())) {
        throw new LinkException(
            impl.getClass().getName()
                + ": "
                + clash.getName()
                + " and "
                + m.getName()
                + " both serve "
                + WitNames.of(m, m.getName()));
      }
    }
    Map<String, Map.Entry<WitFuncType, ComponentHostFunction>> out = new LinkedHashMap<>();
    iface
        .items()
        .forEach(
            (name, item) -> {
              if (item instanceof ComponentItem.Function f) {
                Method m = byName.get(name);
                if (m == null) {
                  throw new LinkException(
                      impl.getClass().getName()
                          + " has no method for "
                          + ifaceName
                          + "#"
                          + name
                          + ": "
                          + f.type());
                }
                if (m.getParameterCount() != f.type().params().size()) {
                  throw new LinkException(
                      impl.getClass().getName()
                          + "."
                          + m.getName()
                          + " takes "
                          + m.getParameterCount()
                          + " parameters; "
                          + ifaceName
                          + "#"
                          + name
                          + " is "
                          + f.type());
                }
                m.setAccessible(true);
                out.put(name, Map.entry(f.type(), function(impl, m, f.type(), name)));
              }
            });
    return out;
  }

  private static ComponentHostFunction function(
      Object impl, Method m, WitFuncType type, String name) {
    var targets = m.getGenericParameterTypes();
    return args -> {
      Object[] javaArgs = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        WitFuncType.Param p = type.params().get(i);
        javaArgs[i] =
            ToJava.convert(args[i], p.type(), targets[i], name + " parameter " + p.name());
      }
      Object r;
      try {
        r = m.invoke(impl, javaArgs);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof dev.wasmlayer.component.WitErrorException err
            && type.result().orElse(null) instanceof dev.wasmlayer.component.ResultType) {
          return dev.wasmlayer.component.WitResult.err(err.error());
        }
        throw cause instanceof Exception x ? x : new RuntimeException(cause);
      }
      return type.result().map(t -> FromJava.convert(r, t, name + " result")).orElse(null);
    };
  }
}
