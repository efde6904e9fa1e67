package dev.wasmlayer.graalwasm;

import dev.wasmlayer.Memory;
import dev.wasmlayer.spi.support.internal.Budget;
import dev.wasmlayer.types.MemoryType;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.OptionalLong;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A GraalWasm memory, through the polyglot buffer API. Reads are bulk; the API has no bulk write, so writes go eight
 * bytes at a time. Every access is bounds-checked first, so a failing one changes nothing.
 */
final class GraalWasmMemory implements Memory {
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  private final GraalWasmStore<?> store;
  /** Dropped when the store closes, so nothing the guest held stays reachable through this wrapper. */
  private Value memory;
  private final MemoryType declared;

  GraalWasmMemory(GraalWasmStore<?> store, Value memory, MemoryType declared) {
    this.store = store;
    this.memory = memory;
    this.declared = declared;
  }

  GraalWasmStore<?> store() {
    return store;
  }

  Value guest() {
    store.checkOpen();
    return memory;
  }

  @Override
  public MemoryType type() {
    store.checkOpen();
    OptionalLong max = declared.maximum();
    return new MemoryType(pages(), max, declared.addressType(), declared.shared());
  }

  @Override
  public long pages() {
    return byteSize() / MemoryType.PAGE_SIZE;
  }

  @Override
  public long byteSize() {
    long gate = store.enterAccess();
    try {
      return memory.getBufferSize();
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public long grow(long deltaPages) {
    long gate = store.enterAccess();
    try {
      long before = pages();
      if (deltaPages < 0) {
        throw new IllegalArgumentException("deltaPages must be >= 0, got " + deltaPages);
      }
      long limit = Math.min(declared.maximum().orElse(WebAssembly.MAX_PAGES), WebAssembly.MAX_PAGES);
      if (deltaPages > limit - before) {
        return -1;
      }
      return store.limits().memory().grow(Budget.bytes(deltaPages, MemoryType.PAGE_SIZE), () -> {
        try {
          return store.wa().memGrow(memory, deltaPages);
        } catch (PolyglotException e) {
          return -1; // GraalWasm reports a refused grow as an error; memory.grow's answer is -1
        }
      });
    } finally {
      store.exitAccess(gate);
    }
  }

  private void check(long offset, long length) {
    store.checkOpen();
    long size = memory.getBufferSize();
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new IndexOutOfBoundsException("access of " + length + " bytes at " + offset + " is outside the memory ("
          + size + " bytes)");
    }
  }

  @Override
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    Objects.checkFromIndexSize(dstOffset, length, dst.length);
    long gate = store.enterAccess();
    try {
      check(offset, length);
      memory.readBuffer(offset, dst, dstOffset, length);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void write(long offset, byte[] src, int srcOffset, int length) {
    Objects.checkFromIndexSize(srcOffset, length, src.length);
    long gate = store.enterAccess();
    try {
      check(offset, length);
      int i = 0;
      for (; i + 8 <= length; i += 8) {
        memory.writeBufferLong(LE, offset + i, longAt(src, srcOffset + i));
      }
      for (; i < length; i++) {
        memory.writeBufferByte(offset + i, src[srcOffset + i]);
      }
    } finally {
      store.exitAccess(gate);
    }
  }

  private static long longAt(byte[] b, int i) {
    return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24
        | (b[i + 4] & 0xFFL) << 32 | (b[i + 5] & 0xFFL) << 40 | (b[i + 6] & 0xFFL) << 48 | (b[i + 7] & 0xFFL) << 56;
  }

  @Override
  public byte readByte(long offset) {
    long gate = store.enterAccess();
    try {
      check(offset, 1);
      return memory.readBufferByte(offset);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public short readShort(long offset) {
    long gate = store.enterAccess();
    try {
      check(offset, 2);
      return memory.readBufferShort(LE, offset);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public int readInt(long offset) {
    long gate = store.enterAccess();
    try {
      check(offset, 4);
      return memory.readBufferInt(LE, offset);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public long readLong(long offset) {
    long gate = store.enterAccess();
    try {
      check(offset, 8);
      return memory.readBufferLong(LE, offset);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void writeByte(long offset, byte value) {
    long gate = store.enterAccess();
    try {
      check(offset, 1);
      memory.writeBufferByte(offset, value);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void writeShort(long offset, short value) {
    long gate = store.enterAccess();
    try {
      check(offset, 2);
      memory.writeBufferShort(LE, offset, value);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void writeInt(long offset, int value) {
    long gate = store.enterAccess();
    try {
      check(offset, 4);
      memory.writeBufferInt(LE, offset, value);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void writeLong(long offset, long value) {
    long gate = store.enterAccess();
    try {
      check(offset, 8);
      memory.writeBufferLong(LE, offset, value);
    } finally {
      store.exitAccess(gate);
    }
  }

  void release() {
    memory = null;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    store.checkOpen();
    if (type.isInstance(memory)) {
      return type.cast(memory);
    }
    throw new IllegalArgumentException("a GraalWasm extern unwraps to " + org.graalvm.polyglot.Value.class.getName()
        + ", not " + type.getName());
  }

  @Override
  public String toString() {
    return "GraalWasmMemory{" + declared + "}";
  }
}
