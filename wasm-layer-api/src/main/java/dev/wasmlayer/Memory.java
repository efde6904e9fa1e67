package dev.wasmlayer;

import dev.wasmlayer.types.MemoryType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A linear memory. Offsets and sizes are {@code long} so memory64 fits; numbers are little-endian
 * as in wasm. An access outside the memory throws {@link IndexOutOfBoundsException} and changes
 * nothing.
 *
 * <p>Reads and writes copy; nothing here keeps a view that a later {@code grow} could invalidate.
 */
public non-sealed interface Memory extends Extern {
  @Override
  MemoryType type();

  /** {@return the current size in 64 KiB pages} */
  long pages();

  /** {@return the current size in bytes} */
  long byteSize();

  /**
   * Grows by {@code deltaPages}.
   *
   * @param deltaPages how many 64 KiB pages to add
   * @return the previous size in pages, or -1 if the memory cannot grow that far (as {@code
   *     memory.grow}): past its maximum, past what is left of the store's {@link
   *     StoreConfig#maxMemoryBytes() memory cap}, or past what the engine can give
   */
  long grow(long deltaPages);

  /**
   * Copies {@code length} bytes at {@code offset} into {@code dst[dstOffset..]}.
   *
   * @param offset the byte offset in this memory
   * @param dst where the bytes go
   * @param dstOffset the first index of {@code dst} to fill
   * @param length the number of bytes
   */
  void read(long offset, byte[] dst, int dstOffset, int length);

  /**
   * Copies {@code src[srcOffset..srcOffset+length)} to {@code offset}.
   *
   * @param offset the byte offset in this memory
   * @param src the bytes to write
   * @param srcOffset the first index of {@code src} to write
   * @param length the number of bytes
   */
  void write(long offset, byte[] src, int srcOffset, int length);

  /**
   * Reads one byte.
   *
   * @param offset the byte offset in this memory
   * @return the byte
   */
  byte readByte(long offset);

  /**
   * Reads a little-endian 16-bit integer.
   *
   * @param offset the byte offset in this memory
   * @return the value read
   */
  short readShort(long offset);

  /**
   * Reads a little-endian 32-bit integer.
   *
   * @param offset the byte offset in this memory
   * @return the value read
   */
  int readInt(long offset);

  /**
   * Reads a little-endian 64-bit integer.
   *
   * @param offset the byte offset in this memory
   * @return the value read
   */
  long readLong(long offset);

  /**
   * Reads a little-endian f32.
   *
   * @param offset the byte offset in this memory
   * @return the value read
   */
  default float readFloat(long offset) {
    return Float.intBitsToFloat(readInt(offset));
  }

  /**
   * Reads a little-endian f64.
   *
   * @param offset the byte offset in this memory
   * @return the value read
   */
  default double readDouble(long offset) {
    return Double.longBitsToDouble(readLong(offset));
  }

  /**
   * Writes one byte.
   *
   * @param offset the byte offset in this memory
   * @param value the value to write
   */
  void writeByte(long offset, byte value);

  /**
   * Writes a little-endian 16-bit integer.
   *
   * @param offset the byte offset in this memory
   * @param value the value to write
   */
  void writeShort(long offset, short value);

  /**
   * Writes a little-endian 32-bit integer.
   *
   * @param offset the byte offset in this memory
   * @param value the value to write
   */
  void writeInt(long offset, int value);

  /**
   * Writes a little-endian 64-bit integer.
   *
   * @param offset the byte offset in this memory
   * @param value the value to write
   */
  void writeLong(long offset, long value);

  /**
   * Writes a little-endian f32 (raw bits kept).
   *
   * @param offset the byte offset in this memory
   * @param value the value to write
   */
  default void writeFloat(long offset, float value) {
    writeInt(offset, Float.floatToRawIntBits(value));
  }

  /**
   * Writes a little-endian f64 (raw bits kept).
   *
   * @param offset the byte offset in this memory
   * @param value the value to write
   */
  default void writeDouble(long offset, double value) {
    writeLong(offset, Double.doubleToRawLongBits(value));
  }

  /**
   * Fills {@code dst} from {@code offset}.
   *
   * @param offset the byte offset in this memory
   * @param dst where the bytes go
   */
  default void read(long offset, byte[] dst) {
    read(offset, dst, 0, dst.length);
  }

  /**
   * {@return {@code length} bytes from {@code offset}}
   *
   * @param offset the byte offset in this memory
   * @param length the number of bytes
   */
  default byte[] readBytes(long offset, int length) {
    byte[] out = new byte[length];
    read(offset, out, 0, length);
    return out;
  }

  /**
   * Writes all of {@code src} at {@code offset}.
   *
   * @param offset the byte offset in this memory
   * @param src the bytes to write
   */
  default void write(long offset, byte[] src) {
    write(offset, src, 0, src.length);
  }

  /**
   * Fills {@code dst}'s remaining bytes from {@code offset}; advances its position.
   *
   * @param offset the byte offset in this memory
   * @param dst the buffer to fill
   */
  default void read(long offset, ByteBuffer dst) {
    int n = dst.remaining();
    if (dst.hasArray()) {
      read(offset, dst.array(), dst.arrayOffset() + dst.position(), n);
      dst.position(dst.position() + n);
    } else {
      dst.put(readBytes(offset, n));
    }
  }

  /**
   * Writes {@code src}'s remaining bytes at {@code offset}; advances its position.
   *
   * @param offset the byte offset in this memory
   * @param src the buffer to write
   */
  default void write(long offset, ByteBuffer src) {
    int n = src.remaining();
    if (src.hasArray()) {
      write(offset, src.array(), src.arrayOffset() + src.position(), n);
      src.position(src.position() + n);
    } else {
      byte[] tmp = new byte[n];
      src.get(tmp);
      write(offset, tmp);
    }
  }

  /**
   * Decodes {@code length} bytes of UTF-8 at {@code offset}.
   *
   * @param offset the byte offset in this memory
   * @param length the number of bytes
   * @return the decoded string
   */
  default String readString(long offset, int length) {
    return new String(readBytes(offset, length), StandardCharsets.UTF_8);
  }

  /**
   * Encodes {@code s} as UTF-8 at {@code offset} (no terminator); returns the number of bytes
   * written.
   *
   * @param offset the byte offset in this memory
   * @param s the string
   * @return the number of bytes written
   */
  default int writeString(long offset, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    write(offset, b);
    return b.length;
  }

  /**
   * Decodes the NUL-terminated UTF-8 string at {@code offset}.
   *
   * @param offset the byte offset in this memory
   * @return the decoded string, without its terminator
   */
  default String readCString(long offset) {
    long end = offset;
    long size = byteSize();
    while (end < size && readByte(end) != 0) {
      end++;
    }
    if (end == size) {
      throw new IndexOutOfBoundsException("no NUL terminator after offset " + offset);
    }
    return readString(offset, Math.toIntExact(end - offset));
  }
}
