package dev.wasmlayer;

import dev.wasmlayer.types.ExternType;

/**
 * Something that can be exported or imported: a {@link Func}, {@link Memory}, {@link Global} or {@link Table}. Every
 * extern belongs to one {@link Store}; using it after that store is closed throws {@link IllegalStateException}.
 */
public sealed interface Extern permits Func, Memory, Global, Table {
  /** The extern's type. */
  ExternType type();

  /** The engine's own object behind this extern, for needs the API does not cover. */
  <T> T unwrap(Class<T> type);
}
