package dev.wasmlayer.internal.gen;

import dev.wasmlayer.Imports;
import dev.wasmlayer.bind.WasmImport;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Host functions from annotated methods and from functional-interface lambdas. */
public final class Bindings {
  private Bindings() {}

  /**
   * The {@link WasmImport} methods of {@code host} by import name: its static and instance methods,
   * or only the static ones when {@code host} is a {@code Class}.
   *
   * @param lookup used to reach the methods; null to use wasm-layer's own access (public, or open
   *     to it)
   */
  public static Map<String, Imports.Binding> ofObject(Object host, MethodHandles.Lookup lookup) {
    boolean staticOnly = host instanceof Class;
    Class<?> type = staticOnly ? (Class<?>) host : host.getClass();
    List<Method> methods = annotatedMethods(type);
    if (methods.isEmpty()) {
      throw new IllegalArgumentException(type.getName() + " has no @WasmImport methods");
    }
    Map<String, Imports.Binding> out = new LinkedHashMap<>();
    for (Method m : methods) {
      String what = type.getSimpleName() + "." + m.getName();
      boolean isStatic = Modifier.isStatic(m.getModifiers());
      if (staticOnly && !isStatic) {
        throw new IllegalArgumentException(
            what
                + " is an instance method: bind an instance of "
                + type.getSimpleName()
                + ", not the class");
      }
      WasmImport a = m.getAnnotation(WasmImport.class);
      String name = a.name().isEmpty() ? m.getName() : a.name();
      MethodHandle mh = unreflect(m, lookup, what);
      if (!isStatic) {
        mh = mh.bindTo(host);
      }
      HostSignature sig = HostSignature.of(what, mh.type(), a.results(), lookup);
      if (out.putIfAbsent(name, HostAdapter.bind(sig, mh)) != null) {
        throw new IllegalArgumentException(
            type.getSimpleName() + " has two @WasmImport methods named '" + name + "'");
      }
    }
    return out;
  }

  /**
   * A host function from a lambda (or any instance) of the functional interface {@code signature}.
   */
  public static <F> Imports.Binding ofLambda(
      String name, Class<F> signature, F function, MethodHandles.Lookup lookup) {
    if (!signature.isInstance(function)) {
      throw new IllegalArgumentException(
          "the function for '" + name + "' is not a " + signature.getName());
    }
    Method sam = Adapters.singleAbstractMethod(signature);
    String what = "'" + name + "' (" + signature.getSimpleName() + "." + sam.getName() + ")";
    MethodHandle mh = unreflect(sam, lookup, what).bindTo(function);
    return HostAdapter.bind(HostSignature.of(what, mh.type(), -1, lookup), mh);
  }

  private static List<Method> annotatedMethods(Class<?> type) {
    List<Method> found = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        String key = m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes());
        if (m.isSynthetic()
            || m.isBridge()
            || !seen.add(key)
            || !m.isAnnotationPresent(WasmImport.class)) {
          continue;
        }
        found.add(m);
      }
    }
    found.sort(Comparator.comparing(Method::getName));
    return found;
  }

  private static MethodHandle unreflect(Method m, MethodHandles.Lookup lookup, String what) {
    Class<?> owner = m.getDeclaringClass();
    try {
      if (lookup != null) {
        return lookup.unreflect(m);
      }
      if (Modifier.isPublic(m.getModifiers())
          && Modifier.isPublic(owner.getModifiers())
          && owner.getModule().isExported(owner.getPackageName())) {
        return MethodHandles.publicLookup().unreflect(m);
      }
      Module self = Bindings.class.getModule();
      if (!self.canRead(owner.getModule())) {
        self.addReads(owner.getModule());
      }
      return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).unreflect(m);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new IllegalArgumentException(
          what
              + " is not accessible to wasm-layer: make it public in an exported "
              + "package, or pass MethodHandles.lookup() from "
              + owner.getSimpleName()
              + " when binding",
          e);
    }
  }
}
