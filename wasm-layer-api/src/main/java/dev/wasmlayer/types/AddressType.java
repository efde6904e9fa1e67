package dev.wasmlayer.types;

/** The index type of a memory or table: 32-bit (the default) or 64-bit (memory64). */
public enum AddressType {
  /** 32-bit addresses. */
  I32,
  /** 64-bit addresses (memory64 / table64). */
  I64
}
