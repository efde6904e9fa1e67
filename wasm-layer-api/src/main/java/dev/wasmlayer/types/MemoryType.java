package dev.wasmlayer.types;

import java.util.OptionalLong;

/**
 * A linear memory's type: limits in 64 KiB pages, address type and sharing.
 *
 * @param minimum initial size in pages
 * @param maximum maximum size in pages, if bounded
 * @param addressType i32 or i64 (memory64)
 * @param shared whether the memory is shared between threads
 */
public record MemoryType(
    long minimum, OptionalLong maximum, AddressType addressType, boolean shared)
    implements ExternType {
  /** Bytes in one page. */
  public static final long PAGE_SIZE = 65536;

  /** Checks the limits. */
  public MemoryType {
    Limits.check(minimum, maximum, addressType);
  }

  /**
   * {@return an unshared 32-bit memory with no maximum}
   *
   * @param minimum the initial size in 64 KiB pages
   */
  public static MemoryType of(long minimum) {
    return new MemoryType(minimum, OptionalLong.empty(), AddressType.I32, false);
  }

  /**
   * {@return an unshared 32-bit memory with limits}
   *
   * @param minimum the initial size in 64 KiB pages
   * @param maximum the largest size in 64 KiB pages
   */
  public static MemoryType of(long minimum, long maximum) {
    return new MemoryType(minimum, OptionalLong.of(maximum), AddressType.I32, false);
  }

  @Override
  public ExternKind kind() {
    return ExternKind.MEMORY;
  }

  @Override
  public String toString() {
    return "(memory "
        + (addressType == AddressType.I64 ? "i64 " : "")
        + minimum
        + (maximum.isPresent() ? " " + maximum.getAsLong() : "")
        + (shared ? " shared" : "")
        + ")";
  }
}
