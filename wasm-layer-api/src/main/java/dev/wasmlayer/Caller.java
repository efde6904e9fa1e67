package dev.wasmlayer;

import java.util.Optional;

/** What a host function sees of its caller: the store's data and the calling instance's exports. */
public interface Caller {
  /** The store's user data, as passed to {@link Engine#newStore}. */
  <T> T data();

  /** The store the call runs in. */
  Store<?> store();

  /** An export of the calling instance. */
  Optional<Extern> export(String name);

  /** An exported memory of the calling instance (the usual way to read strings and buffers). */
  default Optional<Memory> memory(String name) {
    return export(name).filter(Memory.class::isInstance).map(Memory.class::cast);
  }

  /** An exported function of the calling instance. */
  default Optional<Func> func(String name) {
    return export(name).filter(Func.class::isInstance).map(Func.class::cast);
  }

  /** An exported global of the calling instance. */
  default Optional<Global> global(String name) {
    return export(name).filter(Global.class::isInstance).map(Global.class::cast);
  }

  /** An exported table of the calling instance. */
  default Optional<Table> table(String name) {
    return export(name).filter(Table.class::isInstance).map(Table.class::cast);
  }
}
