package dev.wasmlayer.componentmodel.internal;

/** Where a component instance's imports come from: the host, or its parent's arguments. */
interface ImportSource {
  /**
   * {@return the run-time value of an import}: a {@link CFunc}, an instance (a map of names to
   * values), or a resource type; binds imported resource types in {@code instance}
   *
   * @param imp the import
   * @param instance the instance being made
   */
  Object resolve(Def.Import imp, InstanceState instance);
}
