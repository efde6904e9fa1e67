package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.spi.support.internal.Budget;

/**
 * A Chicory memory whose growth counts against the store's memory budget and the Java heap: {@code
 * memory.grow} (from either of Chicory's engines, which call {@link #grow}) and the host's grow
 * both end here, and an OutOfMemoryError while growing is -1, never thrown. Everything else goes
 * straight to the {@link ByteArrayMemory} inside (a final class: the field's type lets the JIT bind
 * each call directly). Chicory's memories are final, hence a wrapper; its extra load per access
 * costs less than ByteArrayMemory's direct array access saves over ByteBufferMemory (fnv over 64
 * KiB on the compiler: ~104 us with a bare ByteBufferMemory, ~117 us wrapped, ~76 us wrapped
 * ByteArrayMemory).
 */
final class LimitedMemory implements Memory {
  private final ByteArrayMemory memory;
  private final Budget budget;

  private LimitedMemory(ByteArrayMemory memory, Budget budget) {
    this.memory = memory;
    this.budget = budget;
  }

  /**
   * A memory at its minimum, which the caller has taken from {@code budget}.
   *
   * @throws LimitException if Chicory or the heap cannot hold it
   */
  static LimitedMemory create(MemoryLimits limits, Budget budget) {
    long bytes = (long) limits.initialPages() * PAGE_SIZE;
    String what = "a memory of " + limits.initialPages() + " pages";
    if (limits.initialPages() > RUNTIME_MAX_PAGES) {
      throw new LimitException(
          what + " exceeds Chicory's limit of " + RUNTIME_MAX_PAGES + " pages per memory");
    }
    if (!JavaHeap.fits(bytes)) {
      throw new LimitException(what + " (" + bytes + " bytes) does not fit in the Java heap");
    }
    try {
      return new LimitedMemory(new ByteArrayMemory(limits), budget);
    } catch (OutOfMemoryError e) {
      throw new LimitException(what + " (" + bytes + " bytes) does not fit in the Java heap");
    }
  }

  @Override
  public int grow(int delta) {
    if (delta < 0) {
      return -1; // an unsigned delta of 2 GiB pages or more: never fits
    }
    return (int) budget.grow((long) delta * PAGE_SIZE, () -> growInHeap(delta));
  }

  private long growInHeap(int delta) {
    if (delta > memory.maximumPages() - memory.pages()
        || !JavaHeap.fits((long) delta * PAGE_SIZE)) {
      return -1;
    }
    try {
      return memory.grow(delta);
    } catch (OutOfMemoryError e) {
      return -1; // nothing committed: Chicory sets the new size only once every page is allocated
    }
  }

  @Override
  public int pages() {
    return memory.pages();
  }

  @Override
  public int initialPages() {
    return memory.initialPages();
  }

  @Override
  public int maximumPages() {
    return memory.maximumPages();
  }

  @Override
  public boolean shared() {
    return memory.shared();
  }

  @Override
  @SuppressWarnings("removal") // Chicory 1.7.5 deprecates it but still calls it: delegated as is
  public Object lock(int address) {
    return memory.lock(address);
  }

  @Override
  @SuppressWarnings("removal") // Chicory 1.7.5 deprecates it but still calls it: delegated as is
  public int waitOn(int address, int expected, long timeout) {
    return memory.waitOn(address, expected, timeout);
  }

  @Override
  @SuppressWarnings("removal") // Chicory 1.7.5 deprecates it but still calls it: delegated as is
  public int waitOn(int address, long expected, long timeout) {
    return memory.waitOn(address, expected, timeout);
  }

  @Override
  @SuppressWarnings("removal") // Chicory 1.7.5 deprecates it but still calls it: delegated as is
  public int notify(int address, int maxThreads) {
    return memory.notify(address, maxThreads);
  }

  @Override
  public void initialize(Instance instance, DataSegment[] segments) {
    memory.initialize(instance, segments);
  }

  @Override
  public void initialize(Instance instance, DataSegment[] segments, int memoryIndex) {
    memory.initialize(instance, segments, memoryIndex);
  }

  @Override
  public void initPassiveSegment(int segment, int dest, int offset, int size) {
    memory.initPassiveSegment(segment, dest, offset, size);
  }

  @Override
  public void write(int address, byte[] data, int offset, int size) {
    memory.write(address, data, offset, size);
  }

  @Override
  public byte read(int address) {
    return memory.read(address);
  }

  @Override
  public byte[] readBytes(int address, int length) {
    return memory.readBytes(address, length);
  }

  @Override
  public void writeI32(int address, int value) {
    memory.writeI32(address, value);
  }

  @Override
  public int readInt(int address) {
    return memory.readInt(address);
  }

  @Override
  public void writeLong(int address, long value) {
    memory.writeLong(address, value);
  }

  @Override
  public long readLong(int address) {
    return memory.readLong(address);
  }

  @Override
  public void writeShort(int address, short value) {
    memory.writeShort(address, value);
  }

  @Override
  public short readShort(int address) {
    return memory.readShort(address);
  }

  @Override
  public long readU16(int address) {
    return memory.readU16(address);
  }

  @Override
  public void writeByte(int address, byte value) {
    memory.writeByte(address, value);
  }

  @Override
  public void writeF32(int address, float value) {
    memory.writeF32(address, value);
  }

  @Override
  public long readF32(int address) {
    return memory.readF32(address);
  }

  @Override
  public float readFloat(int address) {
    return memory.readFloat(address);
  }

  @Override
  public void writeF64(int address, double value) {
    memory.writeF64(address, value);
  }

  @Override
  public double readDouble(int address) {
    return memory.readDouble(address);
  }

  @Override
  public long readF64(int address) {
    return memory.readF64(address);
  }

  @Override
  public void zero() {
    memory.zero();
  }

  @Override
  public void fill(byte value, int fromIndex, int toIndex) {
    memory.fill(value, fromIndex, toIndex);
  }

  @Override
  public void copy(int dest, int src, int size) {
    memory.copy(dest, src, size);
  }

  @Override
  public void drop(int segment) {
    memory.drop(segment);
  }
}
