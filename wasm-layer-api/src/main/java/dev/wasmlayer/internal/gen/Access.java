package dev.wasmlayer.internal.gen;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * Reaching a member of an application class: publicly when it is public in an exported package,
 * then with the application's lookup, then with wasm-layer's own access to packages open to it (all
 * of the class path).
 */
final class Access {
  private Access() {}

  /** Finds a handle with one lookup. */
  @FunctionalInterface
  interface Finder {
    MethodHandle find(MethodHandles.Lookup lookup) throws ReflectiveOperationException;
  }

  /**
   * @param given the application's lookup, or null
   * @throws IllegalArgumentException naming {@code what} and the fix
   */
  static MethodHandle reach(
      Class<?> owner, MethodHandles.Lookup given, String what, Finder finder) {
    try {
      return finder.find(MethodHandles.publicLookup());
    } catch (ReflectiveOperationException | RuntimeException ignored) {
      // not public in an exported package: try with more access
    }
    ReflectiveOperationException last = null;
    if (given != null) {
      try {
        return finder.find(given);
      } catch (ReflectiveOperationException e) {
        last = e;
      }
    }
    Module self = Access.class.getModule();
    if (owner.getModule().isOpen(owner.getPackageName(), self)) {
      try {
        if (!self.canRead(owner.getModule())) {
          self.addReads(owner.getModule());
        }
        return finder.find(MethodHandles.privateLookupIn(owner, MethodHandles.lookup()));
      } catch (ReflectiveOperationException e) {
        last = e;
      }
    }
    throw new IllegalArgumentException(
        what
            + " in "
            + owner.getName()
            + " is out of wasm-layer's reach. "
            + AdapterHomes.fix(owner, "typed(Class, Lookup) or bind(String, Object, Lookup)"),
        last);
  }
}
