package dev.wasmlayer.internal.gen;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Where an adapter for an interface is defined: a full-privilege lookup whose class loader sees the
 * interface and whose module may implement it. Defining it in wasm-layer's own loader fails for
 * interfaces of child class loaders ({@code NoClassDefFoundError}) and of packages a named module
 * does not export ({@code IllegalAccessError}), so those adapters live in the interface's package
 * (reached through {@code privateLookupIn}, which needs the package open to wasm-layer: always so
 * on the class path) or in the package of the application's own lookup.
 */
final class AdapterHomes {
  private static final String API = "dev.wasmlayer.api";
  private static final String ANCHOR = "WasmLayerLookup";

  /** The home of interfaces reached without a lookup, decided once per interface. */
  private static final ClassValue<MethodHandles.Lookup> DEFAULT =
      new ClassValue<>() {
        @Override
        protected MethodHandles.Lookup computeValue(Class<?> iface) {
          return withoutLookup(iface);
        }
      };

  private AdapterHomes() {}

  /**
   * @param given the application's lookup, or null
   * @throws IllegalArgumentException naming the fix when the interface is out of reach
   */
  static MethodHandles.Lookup of(Class<?> iface, MethodHandles.Lookup given, String how) {
    if (given == null) {
      return DEFAULT.get(iface);
    }
    try {
      given.accessClass(iface);
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException(
          "the lookup of "
              + given.lookupClass().getName()
              + " cannot access "
              + iface.getName()
              + ": pass MethodHandles.lookup() from a class of "
              + iface.getModule()
              + " to "
              + how,
          e);
    }
    if (given.hasFullPrivilegeAccess()) {
      return given;
    }
    if ((given.lookupModes() & MethodHandles.Lookup.PACKAGE) != 0) {
      return anchored(given, iface, how);
    }
    throw new IllegalArgumentException(
        "the lookup of "
            + given.lookupClass().getName()
            + " has no package access ("
            + given
            + "): pass MethodHandles.lookup() itself, not a public or teleported lookup, to "
            + how);
  }

  /** The message part that says how to make {@code iface} reachable. */
  static String fix(Class<?> iface, String how) {
    Module m = iface.getModule();
    String where =
        m.isNamed() ? "module " + m.getName() : "the unnamed module of " + iface.getClassLoader();
    return "Fix: pass MethodHandles.lookup() from "
        + where
        + " to "
        + how
        + ", or open package "
        + iface.getPackageName()
        + " to "
        + API;
  }

  private static MethodHandles.Lookup withoutLookup(Class<?> iface) {
    Module self = AdapterHomes.class.getModule();
    Module theirs = iface.getModule();
    String pkg = iface.getPackageName();
    if (visibleToSelf(iface) && theirs.isExported(pkg, self)) {
      read(theirs);
      return MethodHandles.lookup();
    }
    if (!theirs.isOpen(pkg, self)) {
      throw new IllegalArgumentException(
          iface.getName()
              + " is in package "
              + pkg
              + ", which "
              + theirs
              + " neither exports nor opens to "
              + API
              + ", so wasm-layer cannot implement it. "
              + fix(iface, "typed(Class, Lookup)"));
    }
    read(theirs);
    MethodHandles.Lookup packageAccess;
    try {
      packageAccess = MethodHandles.privateLookupIn(iface, MethodHandles.lookup());
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException(
          "cannot reach " + iface.getName() + ". " + fix(iface, "typed(Class, Lookup)"), e);
    }
    return anchored(packageAccess, iface, "typed(Class, Lookup)");
  }

  private static void read(Module theirs) {
    Module self = AdapterHomes.class.getModule();
    if (!self.canRead(theirs)) {
      self.addReads(theirs);
    }
  }

  private static boolean visibleToSelf(Class<?> iface) {
    try {
      return Class.forName(iface.getName(), false, AdapterHomes.class.getClassLoader()) == iface;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * A full-privilege lookup in the package {@code packageAccess} reaches: {@code defineHiddenClass}
   * needs full privilege, which {@code privateLookupIn} across modules never grants (it drops
   * MODULE access), so one small package-private class per package hands out its own lookup.
   */
  private static MethodHandles.Lookup anchored(
      MethodHandles.Lookup packageAccess, Class<?> iface, String how) {
    String pkg = packageAccess.lookupClass().getPackageName();
    String name = pkg.isEmpty() ? ANCHOR : pkg + "." + ANCHOR;
    try {
      Class<?> anchor;
      synchronized (AdapterHomes.class) {
        try {
          anchor = packageAccess.findClass(name);
        } catch (ClassNotFoundException e) {
          anchor = packageAccess.defineClass(ClassBytes.anchor(name.replace('.', '/')));
        }
      }
      return (MethodHandles.Lookup)
          packageAccess
              .findStatic(anchor, "lookup", MethodType.methodType(MethodHandles.Lookup.class))
              .invokeExact();
    } catch (LinkageError | ReflectiveOperationException | SecurityException e) {
      throw new IllegalArgumentException(
          "could not define an adapter for "
              + iface.getName()
              + " in package "
              + pkg
              + ": "
              + e
              + ". "
              + fix(iface, how),
          e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("could not reach package " + pkg, e);
    }
  }
}
