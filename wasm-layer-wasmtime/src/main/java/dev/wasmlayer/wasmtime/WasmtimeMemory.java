package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.spi.support.MemoryBase;
import dev.wasmlayer.spi.support.internal.Budget;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.wasmtime.internal.HotCalls;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;

/**
 * A {@code wasmtime_memory_t}. The base pointer is fetched on every access, never kept: a grow or
 * any call into wasm may move the memory.
 */
final class WasmtimeMemory extends MemoryBase<WasmtimeStore<?>> {
  private final Memory struct;

  WasmtimeMemory(WasmtimeStore<?> store, Memory struct) {
    super(store);
    this.struct = struct;
  }

  Memory struct() {
    return struct;
  }

  /**
   * The base pointer after checking the range; the caller holds the store (the pointer is valid
   * only until then).
   */
  private Pointer at(long offset, long length) {
    checkRange(offset, length, HotCalls.get().memoryDataSize(store.context(), struct));
    return HotCalls.get().memoryData(store.context(), struct);
  }

  @Override
  protected MemoryType readType() {
    Pointer mt = Wasmtime.wasmtime_memory_type(store.context(), struct);
    try {
      MemoryType declared = WasmtimeTypes.memoryType(mt);
      return new MemoryType(
          readPages(), declared.maximum(), declared.addressType(), declared.shared());
    } finally {
      Wasmtime.wasm_memorytype_delete(mt);
    }
  }

  @Override
  protected long readPages() {
    return Wasmtime.wasmtime_memory_size(store.context(), struct);
  }

  @Override
  protected long readByteSize() {
    return HotCalls.get().memoryDataSize(store.context(), struct);
  }

  @Override
  protected long growBy(long deltaPages) {
    return store
        .limits()
        .memory()
        .grow(
            Budget.bytes(deltaPages, MemoryType.PAGE_SIZE),
            () -> {
              long[] previous = new long[1];
              Pointer err =
                  Wasmtime.wasmtime_memory_grow(store.context(), struct, deltaPages, previous);
              if (err != null) {
                Natives.consumeError(err); // a failed grow is -1, as memory.grow says
                return -1;
              }
              return previous[0];
            });
  }

  @Override
  protected void copyOut(long offset, byte[] dst, int dstOffset, int length) {
    HotCalls.get().read(at(offset, length), offset, dst, dstOffset, length);
  }

  @Override
  protected void copyIn(long offset, byte[] src, int srcOffset, int length) {
    HotCalls.get().write(at(offset, length), offset, src, srcOffset, length);
  }

  @Override
  protected byte getByte(long offset) {
    return at(offset, 1).getByte(offset);
  }

  @Override
  protected short getShort(long offset) {
    return at(offset, 2).getShort(offset);
  }

  @Override
  protected int getInt(long offset) {
    return HotCalls.get().getInt(at(offset, 4), offset);
  }

  @Override
  protected long getLong(long offset) {
    return HotCalls.get().getLong(at(offset, 8), offset);
  }

  @Override
  protected void putByte(long offset, byte value) {
    HotCalls.get().setByte(at(offset, 1), offset, value);
  }

  @Override
  protected void putShort(long offset, short value) {
    at(offset, 2).setShort(offset, value);
  }

  @Override
  protected void putInt(long offset, int value) {
    HotCalls.get().setInt(at(offset, 4), offset, value);
  }

  @Override
  protected void putLong(long offset, long value) {
    HotCalls.get().setLong(at(offset, 8), offset, value);
  }

  @Override
  public <T> T unwrap(Class<T> cls) {
    store.checkOpen();
    return WasmtimeExterns.unwrap(struct, cls, "memory", "wasmtime_memory_t*");
  }
}
