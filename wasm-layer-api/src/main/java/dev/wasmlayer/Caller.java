package dev.wasmlayer;

import java.util.Optional;

/** What a host function sees of its caller: the store's data and the calling instance's exports. */
public interface Caller {
  /**
   * {@return the store's user data, as passed to {@link Engine#newStore}}
   *
   * @param <T> the type of the store's data
   */
  <T> T data();

  /** {@return the store the call runs in} */
  Store<?> store();

  /**
   * {@return an export of the calling instance}
   *
   * @param name the export's name
   */
  Optional<Extern> export(String name);

  /**
   * {@return an exported memory of the calling instance (the usual way to read strings and buffers)}
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
