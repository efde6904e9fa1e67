package dev.wasmlayer.internal.gen;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Implements an interface method with a method handle, as a hidden class holding the handle as a
 * constant: no reflection, boxing or varargs per call, and nothing the JIT cannot inline.
 *
 * <p>The hidden class is defined where the interface is reachable (see {@link AdapterHomes}): in
 * wasm-layer's own package when the interface is visible from its class loader and exported to it,
 * otherwise in the interface's own package (class path, child class loaders, opened packages) or in
 * the package of a lookup the application passes.
 */
public final class Adapters {
  private static final Map<String, byte[]> TEMPLATES = new ConcurrentHashMap<>();

  private Adapters() {}

  /**
   * An instance of {@code iface} whose single abstract method calls {@code target}.
   *
   * @param target adapted to the method's type with {@link MethodHandle#asType}
   * @param lookup the application's lookup for interfaces wasm-layer cannot reach by itself; null
   *     for none
   * @param how what the application calls, for the fix in error messages (e.g. {@code
   *     Func.typed(Class, Lookup)})
   * @throws IllegalArgumentException if {@code iface} is not a public functional interface, or is
   *     out of reach (the message names the fix)
   */
  public static <T> T implement(
      Class<T> iface, MethodHandle target, MethodHandles.Lookup lookup, String how) {
    Method sam = singleAbstractMethod(iface);
    MethodType type = MethodType.methodType(sam.getReturnType(), sam.getParameterTypes());
    if (!Modifier.isPublic(iface.getModifiers())) {
      throw new IllegalArgumentException(
          iface.getName() + " must be public to be implemented by wasm-layer");
    }
    MethodHandles.Lookup home = AdapterHomes.of(iface, lookup, how);
    String self = home.lookupClass().getPackageName().replace('.', '/');
    self = (self.isEmpty() ? "" : self + "/") + "WasmLayerAdapter";
    String name = self;
    byte[] bytes =
        TEMPLATES.computeIfAbsent(
            self + " " + iface.getName() + "#" + sam.getName() + type,
            k -> ClassBytes.adapter(name, iface, sam.getName(), type));
    Object instance;
    try {
      // not a nestmate and not strong: the class goes when the view does, and never pins the
      // interface's loader
      MethodHandles.Lookup hidden =
          home.defineHiddenClassWithClassData(bytes, target.asType(type), true);
      instance =
          hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
    } catch (LinkageError | IllegalAccessException e) {
      throw new IllegalArgumentException(
          "could not implement "
              + iface.getName()
              + " in "
              + home.lookupClass().getModule()
              + ": "
              + e
              + ". "
              + AdapterHomes.fix(iface, how),
          e);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("could not implement " + iface.getName(), e);
    }
    return iface.cast(instance);
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
      if (found != null
          && !(found.getName().equals(m.getName())
              && Arrays.equals(found.getParameterTypes(), m.getParameterTypes()))) {
        throw new IllegalArgumentException(
            iface.getName()
                + " is not a functional interface: it has "
                + found.getName()
                + " and "
                + m.getName());
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
