package dev.wasmlayer.spi;

import dev.wasmlayer.Func;
import dev.wasmlayer.internal.gen.FuncViews;
import java.lang.invoke.MethodHandles;

/**
 * Typed views for any functional interface, for backends' {@link Func#typed(Class)}: a backend
 * writes fast paths for the {@link ViewShape}s it cares about and hands every other interface here.
 */
public final class TypedViews {
  private TypedViews() {}

  /**
   * {@return true when {@code view} is one of the {@link ViewShape}s}
   *
   * @param view the interface asked for
   */
  public static boolean isShape(Class<?> view) {
    for (ViewShape s : ViewShape.values()) {
      if (s.view() == view) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@return a view of {@code f} as {@code view}, built on {@link Func#callRaw} (numbers only) or
   * {@link Func#call}}
   *
   * @param <T> the view interface's type
   * @param f the function to call
   * @param view the interface asked for
   * @throws IllegalArgumentException if the interface's signature does not map to the function's
   *     type
   */
  public static <T> T generic(Func f, Class<T> view) {
    return FuncViews.create(f, view, null);
  }

  /**
   * Like {@link #generic(Func, Class)}, with the application's lookup for interfaces and records
   * wasm-layer cannot reach by itself (see {@link Func#typed(Class,
   * java.lang.invoke.MethodHandles.Lookup)}).
   *
   * @param <T> the view's type
   * @param f the function to view
   * @param view a public functional interface
   * @param lookup the application's lookup, or null for wasm-layer's own access
   * @return the view
   * @throws IllegalArgumentException if the signature does not map to the function's type or is out
   *     of reach
   */
  public static <T> T generic(Func f, Class<T> view, MethodHandles.Lookup lookup) {
    return FuncViews.create(f, view, lookup);
  }
}
