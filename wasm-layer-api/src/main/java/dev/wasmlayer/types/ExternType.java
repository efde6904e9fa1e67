package dev.wasmlayer.types;

/** The type of something that can be imported or exported. */
public sealed interface ExternType permits FuncType, MemoryType, TableType, GlobalType, TagType {
  /** {@return which kind of extern this describes} */
  ExternKind kind();
}
