package dev.wasmlayer;

/** Why WebAssembly code trapped, normalised across engines. */
public enum TrapKind {
  /** {@code unreachable} executed. */
  UNREACHABLE,
  /** A load or store outside the memory. */
  MEMORY_OUT_OF_BOUNDS,
  /** A table access outside the table. */
  TABLE_OUT_OF_BOUNDS,
  /** {@code call_indirect} found a function of another type. */
  INDIRECT_CALL_TYPE_MISMATCH,
  /** {@code call_indirect} found a null entry. */
  INDIRECT_CALL_TO_NULL,
  /** Integer division or remainder by zero. */
  INTEGER_DIVIDE_BY_ZERO,
  /** Integer overflow (e.g. {@code INT_MIN / -1}). */
  INTEGER_OVERFLOW,
  /** A float-to-int conversion out of range or of NaN. */
  BAD_CONVERSION_TO_INTEGER,
  /** The call stack was exhausted. */
  STACK_OVERFLOW,
  /** A null reference was dereferenced. */
  NULL_REFERENCE,
  /** A GC array access outside the array. */
  ARRAY_OUT_OF_BOUNDS,
  /** A {@code ref.cast} failed. */
  CAST_FAILURE,
  /** A wasm exception was thrown and not caught. */
  UNCAUGHT_EXCEPTION,
  /** The store ran out of fuel. */
  OUT_OF_FUEL,
  /** The store was interrupted or its deadline passed. */
  INTERRUPTED,
  /** A host function threw; the exception is the cause. */
  HOST,
  /** Anything else; {@link TrapException#engineCode()} says what the engine reported. */
  OTHER
}
