package dev.wasmlayer.spi;

import dev.wasmlayer.Func;
import dev.wasmlayer.internal.gen.FuncViews;

/**
 * Typed views for any functional interface, for backends' {@link Func#typed(Class)}: a backend writes fast paths for
 * the {@link ViewShape}s it cares about and hands every other interface here.
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
   * {@return a view of {@code f} as {@code view}, built on {@link Func#callRaw} (numbers only) or {@link Func#call}}
   *
   * @param <T> the view interface's type
   * @param f the function to call
   * @param view the interface asked for
   * @throws IllegalArgumentException if the interface's signature does not map to the function's type
   */
  public static <T> T generic(Func f, Class<T> view) {
    return FuncViews.create(f, view);
  }
}
