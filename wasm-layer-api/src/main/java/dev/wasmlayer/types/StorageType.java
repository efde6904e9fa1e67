package dev.wasmlayer.types;

/**
 * What a GC struct field or array element holds: a value type, or a packed integer ({@link
 * PackedType#I8}, {@link PackedType#I16}) that reads back as an i32.
 */
public sealed interface StorageType permits ValType, PackedType {}
