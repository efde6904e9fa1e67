package dev.wasmlayer.spi.support;

/**
 * An object that belongs to one store (a function, memory, global or table): what linking checks
 * imports against.
 */
public interface StoreObject {
  /** {@return the store the object belongs to} */
  StoreBase<?, ?> store();
}
