package dev.wasmlayer;

import java.util.Map;
import java.util.Optional;

/** An instantiated module in a {@link Store}. Usable until its store closes. */
public interface Instance {
  /** The module this instance was made from. */
  Module module();

  /** The store it lives in. */
  Store<?> store();

  /** Every export by name, in the module's export order. */
  Map<String, Extern> exports();

  /** The export {@code name}, if any. */
  default Optional<Extern> export(String name) {
    return Optional.ofNullable(exports().get(name));
  }

  /** The exported function {@code name}, if there is one of that kind. */
  default Optional<Func> func(String name) {
    return export(name).filter(Func.class::isInstance).map(Func.class::cast);
  }

  /** The exported memory {@code name}, if there is one of that kind. */
  default Optional<Memory> memory(String name) {
    return export(name).filter(Memory.class::isInstance).map(Memory.class::cast);
  }

  /** The exported global {@code name}, if there is one of that kind. */
  default Optional<Global> global(String name) {
    return export(name).filter(Global.class::isInstance).map(Global.class::cast);
  }

  /** The exported table {@code name}, if there is one of that kind. */
  default Optional<Table> table(String name) {
    return export(name).filter(Table.class::isInstance).map(Table.class::cast);
  }

  /** The engine's own instance object. */
  <T> T unwrap(Class<T> type);
}
