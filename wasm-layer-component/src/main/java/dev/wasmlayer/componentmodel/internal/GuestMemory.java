package dev.wasmlayer.componentmodel.internal;

import dev.wasmlayer.Memory;

/**
 * A guest's linear memory as the canonical ABI accesses it: every access is checked against the
 * memory's current size first, so a guest-chosen pointer or length out of bounds traps before any
 * host allocation.
 */
final class GuestMemory {
  private final Memory memory;

  GuestMemory(Memory memory) {
    this.memory = memory;
  }

  void check(long ptr, long length) {
    if (ptr < 0 || length < 0 || ptr + length > memory.byteSize()) {
      throw CanonTrap.outOfBounds(
          "canonical ABI access out of bounds: "
              + length
              + " bytes at "
              + ptr
              + " in a memory of "
              + memory.byteSize());
    }
  }

  static void checkAligned(long ptr, int align) {
    if (ptr % align != 0) {
      throw CanonTrap.other("canonical ABI pointer " + ptr + " is not aligned to " + align);
    }
  }

  byte[] read(long ptr, long length) {
    check(ptr, length);
    return memory.readBytes(ptr, (int) length);
  }

  void write(long ptr, byte[] bytes) {
    check(ptr, bytes.length);
    memory.write(ptr, bytes);
  }

  long load(long ptr, int size) {
    check(ptr, size);
    return switch (size) {
      case 1 -> memory.readByte(ptr) & 0xFFL;
      case 2 -> memory.readShort(ptr) & 0xFFFFL;
      case 4 -> memory.readInt(ptr) & 0xFFFF_FFFFL;
      default -> memory.readLong(ptr);
    };
  }

  void store(long ptr, int size, long value) {
    check(ptr, size);
    switch (size) {
      case 1 -> memory.writeByte(ptr, (byte) value);
      case 2 -> memory.writeShort(ptr, (short) value);
      case 4 -> memory.writeInt(ptr, (int) value);
      default -> memory.writeLong(ptr, value);
    }
  }
}
