package dev.wasmlayer.types;

import java.util.Locale;
import java.util.Objects;

/**
 * The heap type of a reference: an abstract heap type (func, extern, any, ...) or a concrete type
 * index of the module that declares it.
 *
 * @param kind which heap type
 * @param typeIndex the type index when {@code kind} is {@link Kind#CONCRETE}, otherwise -1
 */
public record HeapType(Kind kind, int typeIndex) {
  /** The abstract heap types, plus {@link #CONCRETE} for a type index. */
  public enum Kind {
    /** All functions. */
    FUNC,
    /** All external (host) references. */
    EXTERN,
    /** All internal (GC) references. */
    ANY,
    /** Comparable GC references. */
    EQ,
    /** Unboxed 31-bit integers. */
    I31,
    /** GC structs. */
    STRUCT,
    /** GC arrays. */
    ARRAY,
    /** Exception references. */
    EXN,
    /** Bottom of the any hierarchy. */
    NONE,
    /** Bottom of the func hierarchy. */
    NOFUNC,
    /** Bottom of the extern hierarchy. */
    NOEXTERN,
    /** Bottom of the exn hierarchy. */
    NOEXN,
    /** A concrete type defined in the module's type section. */
    CONCRETE
  }

  /** {@code func}. */
  public static final HeapType FUNC = new HeapType(Kind.FUNC, -1);

  /** {@code extern}. */
  public static final HeapType EXTERN = new HeapType(Kind.EXTERN, -1);

  /** {@code any}. */
  public static final HeapType ANY = new HeapType(Kind.ANY, -1);

  /** {@code exn}. */
  public static final HeapType EXN = new HeapType(Kind.EXN, -1);

  /** {@code eq}. */
  public static final HeapType EQ = new HeapType(Kind.EQ, -1);

  /** {@code i31}. */
  public static final HeapType I31 = new HeapType(Kind.I31, -1);

  /** {@code struct}. */
  public static final HeapType STRUCT = new HeapType(Kind.STRUCT, -1);

  /** {@code array}. */
  public static final HeapType ARRAY = new HeapType(Kind.ARRAY, -1);

  /** {@code none}, the bottom of the any hierarchy. */
  public static final HeapType NONE = new HeapType(Kind.NONE, -1);

  /** Checks that only concrete heap types carry an index. */
  public HeapType {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.CONCRETE) != (typeIndex >= 0)) {
      throw new IllegalArgumentException(
          "a concrete heap type needs a type index >= 0, an abstract one -1");
    }
  }

  /**
   * {@return an abstract heap type}
   *
   * @param kind an abstract heap type
   */
  public static HeapType of(Kind kind) {
    return new HeapType(kind, -1);
  }

  /**
   * {@return a concrete heap type: the type at {@code typeIndex} of the declaring module}
   *
   * @param typeIndex the index of the type in the module's type section
   */
  public static HeapType concrete(int typeIndex) {
    return new HeapType(Kind.CONCRETE, typeIndex);
  }

  /** {@return the text-format spelling, e.g. {@code func} or {@code 3}} */
  public String text() {
    return kind == Kind.CONCRETE
        ? Integer.toString(typeIndex)
        : kind.name().toLowerCase(Locale.ROOT);
  }

  /** {@return which hierarchy this heap type belongs to (func, extern, any or exn)} */
  public Kind top() {
    return switch (kind) {
      case FUNC, NOFUNC -> Kind.FUNC;
      case EXTERN, NOEXTERN -> Kind.EXTERN;
      case EXN, NOEXN -> Kind.EXN;
      case CONCRETE -> Kind.CONCRETE;
      default -> Kind.ANY;
    };
  }

  @Override
  public String toString() {
    return text();
  }
}
