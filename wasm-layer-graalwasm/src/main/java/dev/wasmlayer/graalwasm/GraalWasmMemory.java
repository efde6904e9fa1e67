package dev.wasmlayer.graalwasm;

import dev.wasmlayer.spi.support.MemoryBase;
import dev.wasmlayer.spi.support.internal.Budget;
import dev.wasmlayer.types.MemoryType;
import java.nio.ByteOrder;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A GraalWasm memory, through the polyglot buffer API. Reads are bulk; the API has no bulk write,
 * so writes go eight bytes at a time. Every access is bounds-checked first, so a failing one
 * changes nothing.
 */
final class GraalWasmMemory extends MemoryBase<GraalWasmStore<?>> {
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  /**
   * Dropped when the store closes, so nothing the guest held stays reachable through this wrapper.
   */
  private Value memory;

  private final MemoryType declared;

  GraalWasmMemory(GraalWasmStore<?> store, Value memory, MemoryType declared) {
    super(store);
    this.memory = memory;
    this.declared = declared;
  }

  Value guest() {
    store.checkOpen();
    return memory;
  }

  @Override
  protected MemoryType readType() {
    return new MemoryType(
        readPages(), declared.maximum(), declared.addressType(), declared.shared());
  }

  @Override
  protected long readPages() {
    return memory.getBufferSize() / MemoryType.PAGE_SIZE;
  }

  @Override
  protected long readByteSize() {
    return memory.getBufferSize();
  }

  @Override
  protected long growBy(long deltaPages) {
    long limit = Math.min(declared.maximum().orElse(WebAssembly.MAX_PAGES), WebAssembly.MAX_PAGES);
    if (deltaPages > limit - readPages()) {
      return -1;
    }
    return store
        .limits()
        .memory()
        .grow(
            Budget.bytes(deltaPages, MemoryType.PAGE_SIZE),
            () -> {
              try {
                return store.wa().memGrow(memory, deltaPages);
              } catch (PolyglotException e) {
                return -1; // GraalWasm reports a refused grow as an error; memory.grow's answer is
                // -1
              }
            });
  }

  private void check(long offset, long length) {
    store.checkOpen();
    checkRange(offset, length, memory.getBufferSize());
  }

  @Override
  protected void copyOut(long offset, byte[] dst, int dstOffset, int length) {
    check(offset, length);
    memory.readBuffer(offset, dst, dstOffset, length);
  }

  @Override
  protected void copyIn(long offset, byte[] src, int srcOffset, int length) {
    check(offset, length);
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      memory.writeBufferLong(LE, offset + i, longAt(src, srcOffset + i));
    }
    for (; i < length; i++) {
      memory.writeBufferByte(offset + i, src[srcOffset + i]);
    }
  }

  private static long longAt(byte[] b, int i) {
    return (b[i] & 0xFFL)
        | (b[i + 1] & 0xFFL) << 8
        | (b[i + 2] & 0xFFL) << 16
        | (b[i + 3] & 0xFFL) << 24
        | (b[i + 4] & 0xFFL) << 32
        | (b[i + 5] & 0xFFL) << 40
        | (b[i + 6] & 0xFFL) << 48
        | (b[i + 7] & 0xFFL) << 56;
  }

  @Override
  protected byte getByte(long offset) {
    check(offset, 1);
    return memory.readBufferByte(offset);
  }

  @Override
  protected short getShort(long offset) {
    check(offset, 2);
    return memory.readBufferShort(LE, offset);
  }

  @Override
  protected int getInt(long offset) {
    check(offset, 4);
    return memory.readBufferInt(LE, offset);
  }

  @Override
  protected long getLong(long offset) {
    check(offset, 8);
    return memory.readBufferLong(LE, offset);
  }

  @Override
  protected void putByte(long offset, byte value) {
    check(offset, 1);
    memory.writeBufferByte(offset, value);
  }

  @Override
  protected void putShort(long offset, short value) {
    check(offset, 2);
    memory.writeBufferShort(LE, offset, value);
  }

  @Override
  protected void putInt(long offset, int value) {
    check(offset, 4);
    memory.writeBufferInt(LE, offset, value);
  }

  @Override
  protected void putLong(long offset, long value) {
    check(offset, 8);
    memory.writeBufferLong(LE, offset, value);
  }

  void release() {
    memory = null;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    return store.unwrapGuest(memory, type);
  }

  @Override
  public String toString() {
    return "GraalWasmMemory{" + declared + "}";
  }
}
