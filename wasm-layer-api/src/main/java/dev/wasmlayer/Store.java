package dev.wasmlayer;

import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.TableType;

/**
 * The unit of isolation: instances, memories, globals and tables live in one store and die with it. A store and
 * everything in it is used by one thread at a time; {@link #interrupt()} is the one call allowed from another thread.
 *
 * @param <T> the type of the user data host functions see through {@link Caller#data()}
 */
public interface Store<T> extends AutoCloseable {
  /** The engine this store belongs to. */
  Engine engine();

  /** The user data. */
  T data();

  /** Replaces the user data. */
  void setData(T data);

  /** The store's configuration. */
  StoreConfig config();

  /** Instantiates a module that has no imports. Does not run an exported {@code _start}. */
  default Instance instantiate(Module module) {
    return instantiate(module, Imports.empty());
  }

  /**
   * Instantiates a module, running its start section (never an exported {@code _start}).
   *
   * @throws LinkException if an import is missing or of the wrong type
   * @throws TrapException if the start section traps
   */
  Instance instantiate(Module module, Imports imports);

  /** Creates a memory owned by this store, for use as an import. */
  Memory newMemory(MemoryType type);

  /** Creates a global owned by this store, for use as an import. */
  Global newGlobal(GlobalType type, Value initial);

  /** Creates a table owned by this store, for use as an import. */
  Table newTable(TableType type, Value initial);

  /**
   * Interrupts wasm code running in this store, from any thread: it stops with a {@link TrapKind#INTERRUPTED} trap.
   *
   * @throws UnsupportedFeatureException if the engine lacks {@link dev.wasmlayer.spi.Feature#INTERRUPTION}
   */
  void interrupt();

  /** Whether {@link #close()} has been called. */
  boolean isClosed();

  /** The engine's own store object. */
  <U> U unwrap(Class<U> type);

  /** Frees everything in the store. Idempotent; later use of it or its externs throws {@link IllegalStateException}. */
  @Override
  void close();
}
