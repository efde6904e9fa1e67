package dev.wasmlayer.types;

/** The kinds of importable and exportable entities. */
public enum ExternKind {
  /** A function. */
  FUNC,
  /** A table. */
  TABLE,
  /** A linear memory. */
  MEMORY,
  /** A global. */
  GLOBAL,
  /** An exception tag. */
  TAG
}
