package dev.wasmlayer;

import dev.wasmlayer.types.ArrayType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.StructType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.types.TagType;

/**
 * The unit of isolation: instances, memories, globals and tables live in one store and die with it.
 *
 * <p><b>Threads.</b> A store and everything in it (functions, memories, tables, globals) is used by
 * one thread at a time: a second thread calling in or touching its memory while the first is inside
 * is refused with {@link IllegalStateException}, having changed nothing. {@link #interrupt()} and
 * {@link #close()} may come from any thread. What this costs: a store used from one thread (the
 * usual case) stays bound to it, and a call or an access pays no atomic operation for it; the first
 * time another thread takes the store, that thread waits for a handshake with the bound one
 * (microseconds, once), and from then on every top-level call takes and returns it with one
 * compare-and-set, so stores handed between pool threads keep working at a few nanoseconds more per
 * call.
 *
 * <p><b>Stopping</b>, the same on every engine: {@link #interrupt()}, a deadline ({@link
 * StoreConfig#deadline()}) and a close from another thread stop <em>wasm</em> code with a {@link
 * TrapKind#INTERRUPTED} trap. Host code is never interrupted: no {@link Thread#interrupt()} reaches
 * a host function, and one that passes its deadline runs to its end; the stop takes effect as soon
 * as control returns to wasm. After a call, the calling thread's interrupt status is what it was
 * before: a call made on an already-interrupted thread runs normally and the flag is still set
 * afterwards (the layer neither consumes nor acts on it).
 *
 * @param <T> the type of the user data host functions see through {@link Caller#data()}
 */
public interface Store<T> extends AutoCloseable {
  /** {@return the engine this store belongs to} */
  Engine engine();

  /** {@return the user data} */
  T data();

  /**
   * Replaces the user data.
   *
   * @param data the new data
   */
  void setData(T data);

  /** {@return the store's configuration} */
  StoreConfig config();

  /**
   * Instantiates a module that has no imports. Does not run an exported {@code _start}.
   *
   * @param module the module
   * @return the instance
   */
  default Instance instantiate(Module module) {
    return instantiate(module, Imports.empty());
  }

  /**
   * Instantiates a module, running its start section (never an exported {@code _start}).
   *
   * @param module the module
   * @param imports what its imports bind to
   * @return the instance
   * @throws LinkException if an import is missing or of the wrong type
   * @throws TrapException if the start section traps
   * @throws LimitException if the module's memories or tables start larger than what is left of the
   *     store's caps
   */
  Instance instantiate(Module module, Imports imports);

  /**
   * Instantiates a component: its core modules through this engine, in this store, under the
   * store's limits, deadline and fuel.
   *
   * @param component a component of this store's engine
   * @param imports host functions, host resources and WASI 0.2 for its imports
   * @return the instance, whose exported functions take and return WIT values
   * @throws LinkException if an import is missing or of another WIT type
   * @throws TrapException if a start function traps
   * @throws UnsupportedFeatureException for {@link Feature#COMPONENTS} if the engine has no
   *     component model
   */
  dev.wasmlayer.component.ComponentInstance instantiate(
      Component component, dev.wasmlayer.component.ComponentImports imports);

  /**
   * Creates a memory owned by this store, for use as an import. It counts against the store's
   * memory cap.
   *
   * @param type the class to unwrap to
   * @return the new memory
   * @throws LimitException if its minimum exceeds what is left of the cap
   */
  Memory newMemory(MemoryType type);

  /**
   * Creates a global owned by this store, for use as an import.
   *
   * @param type the class to unwrap to
   * @param initial the initial value
   * @return the new global
   */
  Global newGlobal(GlobalType type, Value initial);

  /**
   * Creates a table owned by this store, for use as an import. It counts against the store's table
   * cap.
   *
   * @param type the class to unwrap to
   * @param initial the value of every initial element
   * @return the new table
   * @throws LimitException if its minimum exceeds what is left of the cap
   */
  Table newTable(TableType type, Value initial);

  /**
   * Creates an exception tag owned by this store, for use as an import or with {@link
   * #newException}.
   *
   * @param type the tag's type (its parameters are the payload; it has no results)
   * @return the new tag, distinct from every other tag
   * @throws UnsupportedFeatureException for {@link Feature#EXCEPTIONS} if the engine lacks
   *     exceptions at the host boundary
   */
  Tag newTag(TagType type);

  /**
   * Creates a wasm exception, to throw from a host function as a {@link ThrownException} or to pass
   * as an {@code exnref}.
   *
   * @param tag a tag of this store
   * @param payload the values, one per parameter of the tag's type
   * @return the exception
   * @throws IllegalArgumentException if the payload does not match the tag's parameters
   * @throws UnsupportedFeatureException for {@link Feature#EXCEPTIONS} if the engine lacks
   *     exceptions at the host boundary
   */
  ExnRef newException(Tag tag, Value... payload);

  /**
   * Allocates a GC struct in this store.
   *
   * @param type the struct type (see {@link StructType}); a module's {@code (struct ...)} type with
   *     the same fields is the same type
   * @param fields the initial field values, one per field
   * @return the struct
   * @throws IllegalArgumentException if the values do not match the fields
   * @throws UnsupportedFeatureException for {@link Feature#GC} if the engine lacks GC at the host
   *     boundary
   */
  StructRef newStruct(StructType type, Value... fields);

  /**
   * Allocates a GC array in this store.
   *
   * @param type the array type
   * @param elements the elements, each of the element type
   * @return the array
   * @throws IllegalArgumentException if a value does not match the element type
   * @throws UnsupportedFeatureException for {@link Feature#GC} if the engine lacks GC at the host
   *     boundary
   */
  ArrayRef newArray(ArrayType type, Value... elements);

  /**
   * Allocates a GC array of {@code length} copies of {@code fill}.
   *
   * @param type the array type
   * @param length the number of elements
   * @param fill the value of every element
   * @return the array
   * @throws IllegalArgumentException if {@code length} is negative or {@code fill} of the wrong
   *     type
   * @throws UnsupportedFeatureException for {@link Feature#GC} if the engine lacks GC at the host
   *     boundary
   */
  ArrayRef newArray(ArrayType type, int length, Value fill);

  /**
   * Interrupts wasm code running in this store, from any thread: the call stops with a {@link
   * TrapKind#INTERRUPTED} trap. The store stays usable afterwards (the interrupted call's effects
   * so far remain). When nothing is running the request is dropped, not kept for the next call.
   *
   * @throws UnsupportedFeatureException for {@link dev.wasmlayer.Feature#INTERRUPTION} if the
   *     engine lacks it or its config turned it off ({@code
   *     EngineConfig.builder().interruption(false)}; it is on by default)
   */
  void interrupt();

  /**
   * {@return the fuel left} With fuel enabled ({@link EngineConfig#fuel()}) every store starts with
   * {@link StoreConfig#fuel()}, or no limit ({@link Long#MAX_VALUE}) when that is not set; running
   * out traps with {@link TrapKind#OUT_OF_FUEL}.
   *
   * @throws UnsupportedFeatureException for {@link dev.wasmlayer.Feature#FUEL} if the engine lacks
   *     it (also under {@link FuelMode#IF_SUPPORTED}) or its config leaves fuel off ({@link
   *     EngineConfig#fuel()})
   */
  long fuel();

  /**
   * Sets the fuel left; same conditions as {@link #fuel()}.
   *
   * @param fuel the fuel to set
   */
  void setFuel(long fuel);

  /** {@return whether {@link #close()} has been called} */
  boolean isClosed();

  /**
   * {@return the engine's own store object}
   *
   * @param <U> the type to unwrap to
   * @param type the class to unwrap to
   */
  <U> U unwrap(Class<U> type);

  /**
   * Frees everything in the store. Idempotent; later use of it or its externs throws {@link
   * IllegalStateException}. From another thread while a call or a memory access runs, it stops the
   * call (an {@link TrapKind#INTERRUPTED} trap, where interruption is available) and waits for it
   * to leave, up to two seconds; resources are freed only once nothing is in flight (past the wait,
   * by the call itself when it returns). From inside a host function of this store, the running
   * call stops when control returns to wasm and the store is freed when it returns.
   */
  @Override
  void close();
}
