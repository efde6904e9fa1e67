package dev.wasmlayer.types;

import java.util.Objects;

/**
 * An exception tag's type (exception handling proposal): the signature of the values an exception
 * carries.
 *
 * @param signature the tag's function type (params are the payload; results are empty)
 */
public record TagType(FuncType signature) implements ExternType {
  /** Checks arguments. */
  public TagType {
    Objects.requireNonNull(signature, "signature");
  }

  @Override
  public ExternKind kind() {
    return ExternKind.TAG;
  }
}
