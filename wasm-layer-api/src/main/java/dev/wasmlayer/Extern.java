package dev.wasmlayer;

import dev.wasmlayer.types.ExternType;

/**
 * Something that can be exported or imported: a {@link Func}, {@link Memory}, {@link Global},
 * {@link Table} or {@link Tag}. Every extern belongs to one {@link Store}; using it after that
 * store is closed throws {@link IllegalStateException}.
 */
public sealed interface Extern permits Func, Memory, Global, Table, Tag {
  /** {@return the extern's type} */
  ExternType type();

  /**
   * {@return the engine's own object behind this extern, for needs the API does not cover}
   *
   * @param <T> the type to unwrap to
   * @param type the class to unwrap to
   */
  <T> T unwrap(Class<T> type);
}
