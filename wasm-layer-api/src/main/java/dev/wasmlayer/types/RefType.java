package dev.wasmlayer.types;

import java.util.Objects;

/**
 * A reference type: a heap type plus nullability.
 *
 * @param nullable whether {@code ref.null} is a value of this type
 * @param heapType what the reference points to
 */
public record RefType(boolean nullable, HeapType heapType) implements ValType {
  /** {@code funcref}, i.e. {@code (ref null func)}. */
  public static final RefType FUNCREF = new RefType(true, HeapType.FUNC);

  /** {@code externref}, i.e. {@code (ref null extern)}. */
  public static final RefType EXTERNREF = new RefType(true, HeapType.EXTERN);

  /** {@code anyref}, i.e. {@code (ref null any)}. */
  public static final RefType ANYREF = new RefType(true, HeapType.ANY);

  /** {@code exnref}, i.e. {@code (ref null exn)}. */
  public static final RefType EXNREF = new RefType(true, HeapType.EXN);

  /** {@code eqref}, i.e. {@code (ref null eq)}. */
  public static final RefType EQREF = new RefType(true, HeapType.EQ);

  /** {@code i31ref}, i.e. {@code (ref null i31)}. */
  public static final RefType I31REF = new RefType(true, HeapType.I31);

  /** {@code structref}, i.e. {@code (ref null struct)}. */
  public static final RefType STRUCTREF = new RefType(true, HeapType.STRUCT);

  /** {@code arrayref}, i.e. {@code (ref null array)}. */
  public static final RefType ARRAYREF = new RefType(true, HeapType.ARRAY);

  /** Checks arguments. */
  public RefType {
    Objects.requireNonNull(heapType, "heapType");
  }

  /** {@return a reference type with the given nullability and heap type} */
  public static RefType of(boolean nullable, HeapType heapType) {
    return new RefType(nullable, heapType);
  }

  @Override
  public int slots() {
    return 1;
  }

  @Override
  public String text() {
    return "(ref " + (nullable ? "null " : "") + heapType.text() + ")";
  }

  @Override
  public String toString() {
    return text();
  }
}
