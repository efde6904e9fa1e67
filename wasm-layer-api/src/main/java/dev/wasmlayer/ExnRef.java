package dev.wasmlayer;

import java.util.List;

/**
 * A WebAssembly exception ({@code exnref}): a tag and the values thrown with it. What a {@link
 * ThrownException} carries, what an {@code exnref} {@link Value} holds, and what {@link
 * Store#newException} makes. Rooting, lifetime and threads as for {@link StructRef}.
 */
public interface ExnRef {
  /** {@return the exception's tag} */
  Tag tag();

  /** {@return the values thrown with it, in the order of the tag's parameters} */
  List<Value> payload();
}
