package dev.wasmlayer.chicory;

import dev.wasmlayer.Memory;
import dev.wasmlayer.types.AddressType;
import dev.wasmlayer.types.MemoryType;
import java.util.OptionalLong;

/** A Chicory memory. Bounds are checked here so the host gets IndexOutOfBoundsException, not a wasm trap. */
final class ChicoryMemory implements Memory {
  private final ChicoryStore<?> store;
  private final com.dylibso.chicory.runtime.Memory memory;

  ChicoryMemory(ChicoryStore<?> store, com.dylibso.chicory.runtime.Memory memory) {
    this.store = store;
    this.memory = memory;
  }

  ChicoryStore<?> store() {
    return store;
  }

  com.dylibso.chicory.runtime.Memory chicoryMemory() {
    return memory;
  }

  /** Checks the store and the range; returns the offset as Chicory's int address. */
  private int at(long offset, long length) {
    store.checkOpen();
    long size = (long) memory.pages() * MemoryType.PAGE_SIZE;
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new IndexOutOfBoundsException(
          "memory access of " + length + " bytes at offset " + offset + " is outside the memory of " + size + " bytes");
    }
    return (int) offset;
  }

  @Override
  public MemoryType type() {
    long gate = store.enterAccess();
    try {
      int max = memory.maximumPages();
      OptionalLong maximum = max >= com.dylibso.chicory.wasm.types.MemoryLimits.MAX_PAGES
          ? OptionalLong.empty()
          : OptionalLong.of(max);
      return new MemoryType(memory.pages(), maximum, AddressType.I32, memory.shared());
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public long pages() {
    long gate = store.enterAccess();
    try {
      return memory.pages();
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public long byteSize() {
    return pages() * MemoryType.PAGE_SIZE;
  }

  @Override
  public long grow(long deltaPages) {
    long gate = store.enterAccess();
    try {
      if (deltaPages < 0) {
        throw new IllegalArgumentException("cannot grow by a negative number of pages: " + deltaPages);
      }
      if (deltaPages > Integer.MAX_VALUE) {
        return -1;
      }
      return memory.grow((int) deltaPages);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    java.util.Objects.checkFromIndexSize(dstOffset, length, dst.length);
    long gate = store.enterAccess();
    try {
      int addr = at(offset, length);
      System.arraycopy(memory.readBytes(addr, length), 0, dst, dstOffset, length);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public byte[] readBytes(long offset, int length) {
    long gate = store.enterAccess();
    try {
      return memory.readBytes(at(offset, length), length);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void write(long offset, byte[] src, int srcOffset, int length) {
    java.util.Objects.checkFromIndexSize(srcOffset, length, src.length);
    long gate = store.enterAccess();
    try {
      memory.write(at(offset, length), src, srcOffset, length);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public byte readByte(long offset) {
    long gate = store.enterAccess();
    try {
      return memory.read(at(offset, 1));
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public short readShort(long offset) {
    long gate = store.enterAccess();
    try {
      return memory.readShort(at(offset, 2));
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public int readInt(long offset) {
    long gate = store.enterAccess();
    try {
      return memory.readInt(at(offset, 4));
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public long readLong(long offset) {
    long gate = store.enterAccess();
    try {
      return memory.readLong(at(offset, 8));
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void writeByte(long offset, byte value) {
    long gate = store.enterAccess();
    try {
      memory.writeByte(at(offset, 1), value);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void writeShort(long offset, short value) {
    long gate = store.enterAccess();
    try {
      memory.writeShort(at(offset, 2), value);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void writeInt(long offset, int value) {
    long gate = store.enterAccess();
    try {
      memory.writeI32(at(offset, 4), value);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void writeLong(long offset, long value) {
    long gate = store.enterAccess();
    try {
      memory.writeLong(at(offset, 8), value);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    store.checkOpen();
    if (type.isInstance(memory)) {
      return type.cast(memory);
    }
    throw new IllegalArgumentException("a Chicory memory unwraps to " + com.dylibso.chicory.runtime.Memory.class
        .getName() + ", not " + type.getName());
  }
}
