package dev.wasmlayer.types;

/**
 * A WebAssembly value type: a number type, the vector type or a reference type.
 *
 * <p>The common types are constants here ({@code ValType.I32}, {@code ValType.FUNCREF}, ...). This
 * interface has no default methods on purpose: with one, initialising an implementing enum would
 * initialise this interface first and its constants would read the enum's fields while they are
 * still null.
 */
public sealed interface ValType extends StorageType permits NumType, VecType, RefType {
  /** 32-bit integer. */
  NumType I32 = NumType.I32;

  /** 64-bit integer. */
  NumType I64 = NumType.I64;

  /** 32-bit IEEE float. */
  NumType F32 = NumType.F32;

  /** 64-bit IEEE float. */
  NumType F64 = NumType.F64;

  /** 128-bit vector. */
  VecType V128 = VecType.V128;

  /** {@code (ref null func)}. */
  RefType FUNCREF = RefType.FUNCREF;

  /** {@code (ref null extern)}. */
  RefType EXTERNREF = RefType.EXTERNREF;

  /** {@code (ref null any)}. */
  RefType ANYREF = RefType.ANYREF;

  /** {@code (ref null exn)}. */
  RefType EXNREF = RefType.EXNREF;

  /**
   * {@return how many 64-bit slots a value of this type takes on the raw calling path: two for
   * {@code v128}, one otherwise}
   */
  int slots();

  /** {@return the text-format spelling, e.g. {@code i32} or {@code (ref null func)}} */
  String text();
}
