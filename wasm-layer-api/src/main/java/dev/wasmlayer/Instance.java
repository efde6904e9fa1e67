package dev.wasmlayer;

import java.util.Map;
import java.util.Optional;

/** An instantiated module in a {@link Store}. Usable until its store closes. */
public interface Instance {
  /** {@return the module this instance was made from} */
  Module module();

  /** {@return the store it lives in} */
  Store<?> store();

  /** {@return every export by name, in the module's export order} */
  Map<String, Extern> exports();

  /**
   * {@return the export {@code name}, if any}
   *
   * @param name the export's name
   */
  default Optional<Extern> export(String name) {
    return Optional.ofNullable(exports().get(name));
  }

  /**
   * {@return the exported function {@code name}, if there is one of that kind}
   *
   * @param name the export's name
   */
  default Optional<Func> func(String name) {
    return export(name).filter(Func.class::isInstance).map(Func.class::cast);
  }

  /**
   * {@return the exported memory {@code name}, if there is one of that kind}
   *
   * @param name the export's name
   */
  default Optional<Memory> memory(String name) {
    return export(name).filter(Memory.class::isInstance).map(Memory.class::cast);
  }

  /**
   * {@return the exported global {@code name}, if there is one of that kind}
   *
   * @param name the export's name
   */
  default Optional<Global> global(String name) {
    return export(name).filter(Global.class::isInstance).map(Global.class::cast);
  }

  /**
   * {@return the exported table {@code name}, if there is one of that kind}
   *
   * @param name the export's name
   */
  default Optional<Table> table(String name) {
    return export(name).filter(Table.class::isInstance).map(Table.class::cast);
  }

  /**
   * {@return an exported exception tag}
   *
   * @param name the export's name
   */
  default Optional<Tag> tag(String name) {
    return export(name).filter(Tag.class::isInstance).map(Tag.class::cast);
  }

  /**
   * {@return the engine's own instance object}
   *
   * @param <T> the type to unwrap to
   * @param type the class to unwrap to
   */
  <T> T unwrap(Class<T> type);
}
