package dev.wasmlayer;

import java.util.Optional;

/**
 * What a host function sees of its caller: the store's data and the calling instance's exports.
 *
 * <p>A host function names the data type it expects by declaring its parameter {@code
 * Caller<MyData>} (in a {@link dev.wasmlayer.bind.WasmImport} method, or a lambda {@code
 * (Caller<MyData> caller, Value[] args) -> ...}); with an untyped lambda {@code (caller, args) ->
 * ...} it is {@code Caller<Object>}. Because {@link Imports} belong to no store, the match with the
 * store's {@code Store<MyData>} is the application's to keep: a host function run in a store whose
 * data is of another type fails with a {@link TrapKind#HOST} trap caused by a {@link
 * ClassCastException} where it uses the data.
 *
 * @param <T> the type of the store's data
 */
public interface Caller<T> {
  /**
   * {@return the store's user data, as passed to {@link Engine#newStore} or set with {@link
   * Store#setData}}
   */
  T data();

  /** {@return the store the call runs in} */
  Store<?> store();

  /**
   * {@return an export of the calling instance}
   *
   * @param name the export's name
   */
  Optional<Extern> export(String name);

  /**
   * {@return an exported memory of the calling instance (the usual way to read strings and
   * buffers)}
   *
   * @param name the export's name
   */
  default Optional<Memory> memory(String name) {
    return export(name).filter(Memory.class::isInstance).map(Memory.class::cast);
  }

  /**
   * {@return an exported function of the calling instance}
   *
   * @param name the export's name
   */
  default Optional<Func> func(String name) {
    return export(name).filter(Func.class::isInstance).map(Func.class::cast);
  }

  /**
   * {@return an exported global of the calling instance}
   *
   * @param name the export's name
   */
  default Optional<Global> global(String name) {
    return export(name).filter(Global.class::isInstance).map(Global.class::cast);
  }

  /**
   * {@return an exported table of the calling instance}
   *
   * @param name the export's name
   */
  default Optional<Table> table(String name) {
    return export(name).filter(Table.class::isInstance).map(Table.class::cast);
  }
}
