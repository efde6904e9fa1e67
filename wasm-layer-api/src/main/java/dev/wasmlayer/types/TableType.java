package dev.wasmlayer.types;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A table's type: element reference type, limits in elements and address type.
 *
 * @param element the reference type of the elements
 * @param minimum initial size
 * @param maximum maximum size, if bounded
 * @param addressType i32 or i64 (table64)
 */
public record TableType(
    RefType element, long minimum, OptionalLong maximum, AddressType addressType)
    implements ExternType {
  /** Checks the limits. */
  public TableType {
    Objects.requireNonNull(element, "element");
    Limits.check(minimum, maximum, addressType);
  }

  /**
   * {@return a 32-bit table with no maximum}
   *
   * @param element the type of the table's elements
   * @param minimum the initial number of elements
   */
  public static TableType of(RefType element, long minimum) {
    return new TableType(element, minimum, OptionalLong.empty(), AddressType.I32);
  }

  /**
   * {@return a 32-bit table with limits}
   *
   * @param element the type of the table's elements
   * @param minimum the initial number of elements
   * @param maximum the largest number of elements
   */
  public static TableType of(RefType element, long minimum, long maximum) {
    return new TableType(element, minimum, OptionalLong.of(maximum), AddressType.I32);
  }

  @Override
  public ExternKind kind() {
    return ExternKind.TABLE;
  }

  @Override
  public String toString() {
    return "(table "
        + minimum
        + (maximum.isPresent() ? " " + maximum.getAsLong() : "")
        + " "
        + element
        + ")";
  }
}
