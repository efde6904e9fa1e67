package dev.wasmlayer.spi.support;

import dev.wasmlayer.Memory;
import dev.wasmlayer.types.MemoryType;
import java.util.Objects;

/**
 * A memory as every backend gates it: every access under the store's access gate, array ranges and
 * negative growth refused. A backend writes the engine's accesses, each checking its range with
 * {@link #checkRange}.
 *
 * @param <S> the backend's store
 */
public abstract class MemoryBase<S extends StoreBase<?, ?>> implements Memory, StoreObject {
  /** The store the memory belongs to. */
  protected final S store;

  /**
   * A memory.
   *
   * @param store the store it belongs to
   */
  protected MemoryBase(S store) {
    this.store = store;
  }

  @Override
  public final S store() {
    return store;
  }

  /**
   * Throws {@link IndexOutOfBoundsException} unless {@code [offset, offset + length)} lies in a
   * memory of {@code size} bytes.
   *
   * @param offset where the access starts
   * @param length how many bytes it touches
   * @param size the memory's size in bytes
   */
  protected static void checkRange(long offset, long length, long size) {
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new IndexOutOfBoundsException(
          "memory access of "
              + length
              + " bytes at offset "
              + offset
              + " is outside the memory of "
              + size
              + " bytes");
    }
  }

  @Override
  public final MemoryType type() {
    return store.withAccess(this::readType);
  }

  @Override
  public final long pages() {
    long gate = store.enterAccess();
    try {
      return readPages();
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public final long byteSize() {
    long gate = store.enterAccess();
    try {
      return readByteSize();
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public final long grow(long deltaPages) {
    if (deltaPages < 0) {
      throw new IllegalArgumentException(
          "cannot grow by a negative number of pages: " + deltaPages);
    }
    long gate = store.enterAccess();
    try {
      return growBy(deltaPages);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public final void read(long offset, byte[] dst, int dstOffset, int length) {
    Objects.checkFromIndexSize(dstOffset, length, dst.length);
    long gate = store.enterAccess();
    try {
      copyOut(offset, dst, dstOffset, length);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public final void write(long offset, byte[] src, int srcOffset, int length) {
    Objects.checkFromIndexSize(srcOffset, length, src.length);
    long gate = store.enterAccess();
    try {
      copyIn(offset, src, srcOffset, length);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public final byte readByte(long offset) {
    long gate = store.enterAccess();
    try {
      return getByte(offset);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public final short readShort(long offset) {
    long gate = store.enterAccess();
    try {
      return getShort(offset);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public final int readInt(long offset) {
    long gate = store.enterAccess();
    try {
      return getInt(offset);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public final long readLong(long offset) {
    long gate = store.enterAccess();
    try {
      return getLong(offset);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public final void writeByte(long offset, byte value) {
    long gate = store.enterAccess();
    try {
      putByte(offset, value);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public final void writeShort(long offset, short value) {
    long gate = store.enterAccess();
    try {
      putShort(offset, value);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public final void writeInt(long offset, int value) {
    long gate = store.enterAccess();
    try {
      putInt(offset, value);
    } finally {
      store.exitAccess(gate);
    }
  }

  @Override
  public final void writeLong(long offset, long value) {
    long gate = store.enterAccess();
    try {
      putLong(offset, value);
    } finally {
      store.exitAccess(gate);
    }
  }

  /** {@return the type with the current size as minimum, under the access gate} */
  protected abstract MemoryType readType();

  /** {@return the size in pages, under the access gate} */
  protected abstract long readPages();

  /** {@return the size in bytes, under the access gate} */
  protected abstract long readByteSize();

  /**
   * {@return the previous size in pages, or -1 when the memory cannot grow so far}: {@code
   * deltaPages >= 0}, under the access gate
   *
   * @param deltaPages how many pages to add
   */
  protected abstract long growBy(long deltaPages);

  /**
   * Copies {@code length} bytes at {@code offset} into {@code dst} (whose range is checked) under
   * the access gate.
   *
   * @param offset where in the memory
   * @param dst the array
   * @param dstOffset where in the array
   * @param length how many bytes
   */
  protected abstract void copyOut(long offset, byte[] dst, int dstOffset, int length);

  /**
   * Copies {@code length} bytes from {@code src} (whose range is checked) to {@code offset} under
   * the access gate.
   *
   * @param offset where in the memory
   * @param src the array
   * @param srcOffset where in the array
   * @param length how many bytes
   */
  protected abstract void copyIn(long offset, byte[] src, int srcOffset, int length);

  /**
   * {@return the byte at {@code offset}, under the access gate}
   *
   * @param offset where
   */
  protected abstract byte getByte(long offset);

  /**
   * {@return the little-endian short at {@code offset}, under the access gate}
   *
   * @param offset where
   */
  protected abstract short getShort(long offset);

  /**
   * {@return the little-endian int at {@code offset}, under the access gate}
   *
   * @param offset where
   */
  protected abstract int getInt(long offset);

  /**
   * {@return the little-endian long at {@code offset}, under the access gate}
   *
   * @param offset where
   */
  protected abstract long getLong(long offset);

  /**
   * Writes the byte {@code value} at {@code offset} under the access gate.
   *
   * @param offset where
   * @param value what
   */
  protected abstract void putByte(long offset, byte value);

  /**
   * Writes {@code value} little-endian at {@code offset} under the access gate.
   *
   * @param offset where
   * @param value what
   */
  protected abstract void putShort(long offset, short value);

  /**
   * Writes {@code value} little-endian at {@code offset} under the access gate.
   *
   * @param offset where
   * @param value what
   */
  protected abstract void putInt(long offset, int value);

  /**
   * Writes {@code value} little-endian at {@code offset} under the access gate.
   *
   * @param offset where
   * @param value what
   */
  protected abstract void putLong(long offset, long value);
}
