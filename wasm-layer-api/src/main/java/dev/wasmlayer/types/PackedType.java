package dev.wasmlayer.types;

/**
 * A packed storage type of a GC field: stored in 8 or 16 bits, read and written as an i32 (reads
 * from the host are zero-extended).
 */
public enum PackedType implements StorageType {
  /** 8 bits. */
  I8,
  /** 16 bits. */
  I16
}
