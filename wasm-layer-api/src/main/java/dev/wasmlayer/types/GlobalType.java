package dev.wasmlayer.types;

import java.util.Objects;

/**
 * A global's type.
 *
 * @param content the value type held
 * @param mutable whether {@code global.set} (and {@code Global.set}) may change it
 */
public record GlobalType(ValType content, boolean mutable) implements ExternType {
  /** Checks arguments. */
  public GlobalType {
    Objects.requireNonNull(content, "content");
  }

  /**
   * {@return an immutable global of the given type}
   *
   * @param content the type of the global's value
   */
  public static GlobalType constant(ValType content) {
    return new GlobalType(content, false);
  }

  /**
   * {@return a mutable global of the given type}
   *
   * @param content the type of the global's value
   */
  public static GlobalType mutable(ValType content) {
    return new GlobalType(content, true);
  }

  @Override
  public ExternKind kind() {
    return ExternKind.GLOBAL;
  }

  @Override
  public String toString() {
    return mutable ? "(global (mut " + content.text() + "))" : "(global " + content.text() + ")";
  }
}
