package dev.wasmlayer.spi.support;

import dev.wasmlayer.HostFunction;
import dev.wasmlayer.RawHostFunction;

/**
 * Host functions as an engine calls them. A host function declares the store data type it expects
 * ({@code Caller<MyData>}); imports belong to no store, so the engine passes its own {@code
 * Caller<Object>} and the data's type is checked where the function uses it (see {@link
 * dev.wasmlayer.Caller}).
 */
public final class HostCalls {
  private HostCalls() {}

  /**
   * {@code f}, callable with any store's caller.
   *
   * @param f a host function expecting some data type
   * @return the same function, typed for a {@code Caller<Object>}
   */
  @SuppressWarnings("unchecked")
  public static HostFunction<Object> untyped(HostFunction<?> f) {
    return (HostFunction<Object>) f;
  }

  /**
   * {@code f}, callable with any store's caller.
   *
   * @param f a raw host function expecting some data type
   * @return the same function, typed for a {@code Caller<Object>}
   */
  @SuppressWarnings({
    "unchecked",
    "overloads"
  }) // both overloads only cast: a lambda's choice between them is moot
  public static RawHostFunction<Object> untyped(RawHostFunction<?> f) {
    return (RawHostFunction<Object>) f;
  }
}
