package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.wasmlayer.spi.support.MemoryBase;
import dev.wasmlayer.types.AddressType;
import dev.wasmlayer.types.MemoryType;
import java.util.OptionalLong;

/**
 * A Chicory memory. Bounds are checked here so the host gets IndexOutOfBoundsException, not a wasm
 * trap.
 */
final class ChicoryMemory extends MemoryBase<ChicoryStore<?>> {
  private final Memory memory;

  ChicoryMemory(ChicoryStore<?> store, Memory memory) {
    super(store);
    this.memory = memory;
  }

  Memory chicoryMemory() {
    return memory;
  }

  /** Checks the store and the range; returns the offset as Chicory's int address. */
  private int at(long offset, long length) {
    store.checkOpen();
    checkRange(offset, length, (long) memory.pages() * MemoryType.PAGE_SIZE);
    return (int) offset;
  }

  @Override
  protected MemoryType readType() {
    int max = memory.maximumPages();
    OptionalLong maximum =
        max >= MemoryLimits.MAX_PAGES ? OptionalLong.empty() : OptionalLong.of(max);
    return new MemoryType(memory.pages(), maximum, AddressType.I32, memory.shared());
  }

  @Override
  protected long readPages() {
    return memory.pages();
  }

  @Override
  protected long readByteSize() {
    return (long) memory.pages() * MemoryType.PAGE_SIZE;
  }

  @Override
  protected long growBy(long deltaPages) {
    return deltaPages > Integer.MAX_VALUE ? -1 : memory.grow((int) deltaPages);
  }

  @Override
  protected void copyOut(long offset, byte[] dst, int dstOffset, int length) {
    System.arraycopy(memory.readBytes(at(offset, length), length), 0, dst, dstOffset, length);
  }

  /** Chicory's own copy is the array this returns: no second one. */
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
  protected void copyIn(long offset, byte[] src, int srcOffset, int length) {
    memory.write(at(offset, length), src, srcOffset, length);
  }

  @Override
  protected byte getByte(long offset) {
    return memory.read(at(offset, 1));
  }

  @Override
  protected short getShort(long offset) {
    return memory.readShort(at(offset, 2));
  }

  @Override
  protected int getInt(long offset) {
    return memory.readInt(at(offset, 4));
  }

  @Override
  protected long getLong(long offset) {
    return memory.readLong(at(offset, 8));
  }

  @Override
  protected void putByte(long offset, byte value) {
    memory.writeByte(at(offset, 1), value);
  }

  @Override
  protected void putShort(long offset, short value) {
    memory.writeShort(at(offset, 2), value);
  }

  @Override
  protected void putInt(long offset, int value) {
    memory.writeI32(at(offset, 4), value);
  }

  @Override
  protected void putLong(long offset, long value) {
    memory.writeLong(at(offset, 8), value);
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    store.checkOpen();
    if (type.isInstance(memory)) {
      return type.cast(memory);
    }
    throw new IllegalArgumentException(
        "a Chicory memory unwraps to " + Memory.class.getName() + ", not " + type.getName());
  }
}
