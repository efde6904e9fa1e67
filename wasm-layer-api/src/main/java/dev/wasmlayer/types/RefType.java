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
