package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.spi.support.internal.Budget;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.wasmtime.internal.HotCalls;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;

/**
 * A {@code wasmtime_memory_t}. The base pointer is fetched on every access, never kept: a grow or any call into wasm
 * may move the memory.
 */
final class WasmtimeMemory implements dev.wasmlayer.Memory {
  private final WasmtimeStore<?> store;
  private final Memory struct;

  WasmtimeMemory(WasmtimeStore<?> store, Memory struct) {
    this.store = store;
    this.struct = struct;
  }

  WasmtimeStore<?> store() {
    return store;
  }

  Memory struct() {
    return struct;
  }

  /** The base pointer after checking the range; the caller holds the store (the pointer is valid only until then). */
  private Pointer at(long offset, long length) {
    long size = HotCalls.get().memoryDataSize(store.context(), struct);
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new IndexOutOfBoundsException(
          "memory access of " + length + " bytes at offset " + offset + " is outside the memory of " + size + " bytes");
    }
    return HotCalls.get().memoryData(store.context(), struct);
  }

  @Override
  public MemoryType type() {
    long gate = store.enterAccess();
    try {
      Pointer mt = Wasmtime.wasmtime_memory_type(store.context(), struct);
      try {
        MemoryType declared = WasmtimeTypes.memoryType(mt);
        return new MemoryType(Wasmtime.wasmtime_memory_size(store.context(), struct), declared.maximum(),
            declared.addressType(), declared.shared());
      } finally {
        Wasmtime.wasm_memorytype_delete(mt);
      }
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public long pages() {
    long gate = store.enterAccess();
    try {
      return Wasmtime.wasmtime_memory_size(store.context(), struct);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public long byteSize() {
    long gate = store.enterAccess();
    try {
      return HotCalls.get().memoryDataSize(store.context(), struct);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public long grow(long deltaPages) {
    if (deltaPages < 0) {
      throw new IllegalArgumentException("cannot grow by a negative number of pages: " + deltaPages);
    }
    long gate = store.enterAccess();
    try {
      return store.limits().memory().grow(Budget.bytes(deltaPages, MemoryType.PAGE_SIZE), () -> {
        long[] previous = new long[1];
        Pointer err = Wasmtime.wasmtime_memory_grow(store.context(), struct, deltaPages, previous);
        if (err != null) {
          Natives.consumeError(err); // a failed grow is -1, as memory.grow says
          return -1;
        }
        return previous[0];
      });
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    java.util.Objects.checkFromIndexSize(dstOffset, length, dst.length);
    long gate = store.enterAccess();
    try {
      HotCalls.get().read(at(offset, length), offset, dst, dstOffset, length);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void write(long offset, byte[] src, int srcOffset, int length) {
    java.util.Objects.checkFromIndexSize(srcOffset, length, src.length);
    long gate = store.enterAccess();
    try {
      HotCalls.get().write(at(offset, length), offset, src, srcOffset, length);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public byte readByte(long offset) {
    long gate = store.enterAccess();
    try {
      return at(offset, 1).getByte(offset);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public short readShort(long offset) {
    long gate = store.enterAccess();
    try {
      return at(offset, 2).getShort(offset);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public int readInt(long offset) {
    long gate = store.enterAccess();
    try {
      return HotCalls.get().getInt(at(offset, 4), offset);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public long readLong(long offset) {
    long gate = store.enterAccess();
    try {
      return HotCalls.get().getLong(at(offset, 8), offset);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void writeByte(long offset, byte value) {
    long gate = store.enterAccess();
    try {
      HotCalls.get().setByte(at(offset, 1), offset, value);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void writeShort(long offset, short value) {
    long gate = store.enterAccess();
    try {
      at(offset, 2).setShort(offset, value);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void writeInt(long offset, int value) {
    long gate = store.enterAccess();
    try {
      HotCalls.get().setInt(at(offset, 4), offset, value);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public void writeLong(long offset, long value) {
    long gate = store.enterAccess();
    try {
      HotCalls.get().setLong(at(offset, 8), offset, value);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public <T> T unwrap(Class<T> cls) {
    store.checkOpen();
    if (cls == Pointer.class) {
      return cls.cast(struct);
    }
    throw new IllegalArgumentException("a wasmtime memory unwraps to " + Pointer.class.getName()
        + " (wasmtime_memory_t*)");
  }
}
