package dev.wasmlayer.internal.gen;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Implements an interface method with a method handle, as a hidden class holding the handle as a constant: no
 * reflection, boxing or varargs per call, and nothing the JIT cannot inline.
 */
public final class Adapters {
  private static final Map<String, byte[]> TEMPLATES = new ConcurrentHashMap<>();

  private Adapters() {}

  /**
   * An instance of {@code iface} whose single abstract method calls {@code target}.
   *
   * @param target adapted to the method's type with {@link MethodHandle#asType}
   * @throws IllegalArgumentException if {@code iface} is not a public functional interface
   */
  public static <T> T implement(Class<T> iface, MethodHandle target) {
    Method sam = singleAbstractMethod(iface);
    MethodType type = MethodType.methodType(sam.getReturnType(), sam.getParameterTypes());
    if (!Modifier.isPublic(iface.getModifiers())) {
      throw new IllegalArgumentException(iface.getName() + " must be public to be implemented by wasm-layer");
    }
    Module self = Adapters.class.getModule();
    if (!self.canRead(iface.getModule())) {
      self.addReads(iface.getModule());
    }
    byte[] bytes = TEMPLATES.computeIfAbsent(iface.getName() + "#" + sam.getName() + type,
        k -> ClassBytes.adapter(iface, sam.getName(), type));
    try {
      MethodHandles.Lookup hidden = MethodHandles.lookup()
          .defineHiddenClassWithClassData(bytes, target.asType(type), true);
      Object instance = hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
      return iface.cast(instance);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("could not implement " + iface.getName(), e);
    }
  }

  /** The one abstract method of a functional interface. */
  public static Method singleAbstractMethod(Class<?> iface) {
    if (!iface.isInterface()) {
      throw new IllegalArgumentException(iface.getName() + " is not an interface");
    }
    Method found = null;
    for (Method m : iface.getMethods()) {
      if (!Modifier.isAbstract(m.getModifiers()) || isObjectMethod(m)) {
        continue;
      }
      if (found != null && !(found.getName().equals(m.getName())
          && java.util.Arrays.equals(found.getParameterTypes(), m.getParameterTypes()))) {
        throw new IllegalArgumentException(iface.getName() + " is not a functional interface: it has "
            + found.getName() + " and " + m.getName());
      }
      found = m;
    }
    if (found == null) {
      throw new IllegalArgumentException(iface.getName() + " has no abstract method");
    }
    return found;
  }

  private static boolean isObjectMethod(Method m) {
    try {
      Object.class.getMethod(m.getName(), m.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
