package dev.wasmlayer.types;

import java.util.Objects;

/**
 * A GC struct field or array element type.
 *
 * @param storage what it holds
 * @param mutable whether {@code struct.set}/{@code array.set} (and the host's setters) may change
 *     it
 */
public record FieldType(StorageType storage, boolean mutable) {
  /** Checks arguments. */
  public FieldType {
    Objects.requireNonNull(storage, "storage");
  }

  /**
   * {@return an immutable field}
   *
   * @param storage what it holds
   */
  public static FieldType of(StorageType storage) {
    return new FieldType(storage, false);
  }

  /**
   * {@return a mutable field}
   *
   * @param storage what it holds
   */
  public static FieldType mutable(StorageType storage) {
    return new FieldType(storage, true);
  }
}
