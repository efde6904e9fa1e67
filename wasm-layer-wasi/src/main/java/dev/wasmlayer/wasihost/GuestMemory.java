package dev.wasmlayer.wasihost;

import dev.wasmlayer.Caller;
import dev.wasmlayer.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The calling guest's memory as WASI sees it: 32-bit unsigned pointers, every range checked against
 * the memory's size before anything is allocated or copied, so a guest-chosen length can never size
 * a host buffer beyond what the memory holds. An out-of-range pointer is {@link Errno#FAULT}.
 */
final class GuestMemory {
  /**
   * At most this many buffers per read or write, as POSIX's IOV_MAX: bounds the host's bookkeeping.
   */
  static final int IOV_MAX = 1024;

  private final Caller<?> caller;
  private Memory memory;
  private long size;

  /** The memory of {@code caller}, looked up on first use (many calls need none). */
  GuestMemory(Caller<?> caller) {
    this.caller = caller;
  }

  private Memory memory() throws WasiError {
    if (memory == null) {
      memory =
          caller
              .memory("memory")
              .orElseThrow(
                  () ->
                      new WasiError(
                          Errno.FAULT, "the calling module exports no memory named \"memory\""));
      size = memory.byteSize(); // fixed for the call: nothing in a WASI call grows it
    }
    return memory;
  }

  /** A wasm i32 pointer or length as the unsigned number it is. */
  static long u32(long slot) {
    return slot & 0xFFFF_FFFFL;
  }

  /** Throws {@link Errno#FAULT} unless {@code [ptr, ptr + len)} lies inside the memory. */
  void check(long ptr, long len) throws WasiError {
    memory();
    if (ptr < 0 || len < 0 || ptr > size || len > size - ptr) {
      throw new WasiError(
          Errno.FAULT, "range " + ptr + "+" + len + " outside a memory of " + size + " bytes");
    }
  }

  byte[] read(long ptr, long len) throws WasiError {
    check(ptr, len);
    byte[] b = new byte[(int) len];
    memory().read(ptr, b, 0, b.length);
    return b;
  }

  void read(long ptr, byte[] dst, int len) throws WasiError {
    check(ptr, len);
    memory().read(ptr, dst, 0, len);
  }

  void write(long ptr, byte[] src, int off, int len) throws WasiError {
    check(ptr, len);
    memory().write(ptr, src, off, len);
  }

  void write(long ptr, byte[] src) throws WasiError {
    write(ptr, src, 0, src.length);
  }

  void write(long ptr, ByteBuffer le) throws WasiError {
    write(ptr, le.array(), 0, le.position());
  }

  int readI32(long ptr) throws WasiError {
    check(ptr, 4);
    return memory().readInt(ptr);
  }

  void writeI32(long ptr, int v) throws WasiError {
    check(ptr, 4);
    memory().writeInt(ptr, v);
  }

  void writeI64(long ptr, long v) throws WasiError {
    check(ptr, 8);
    memory().writeLong(ptr, v);
  }

  /** A little-endian scratch buffer for a struct the guest receives. */
  static ByteBuffer struct(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * An iovec array: pairs of (pointer, length), checked as a whole and each buffer against the
   * memory.
   */
  long[] iovecs(long ptr, long count) throws WasiError {
    check(ptr, count * 8); // count < 2^32: no overflow
    if (count > IOV_MAX) {
      throw new WasiError(Errno.INVAL, count + " iovecs, more than " + IOV_MAX);
    }
    byte[] raw = read(ptr, count * 8);
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    long[] out = new long[(int) count * 2];
    for (int i = 0; i < count; i++) {
      long p = u32(b.getInt());
      long n = u32(b.getInt());
      check(p, n);
      out[2 * i] = p;
      out[2 * i + 1] = n;
    }
    return Transfers.clip(out);
  }

  /**
   * A guest path: checked against the memory first, then against {@link Resolver#MAX_PATH}, then
   * decoded.
   */
  String path(long ptr, long len) throws WasiError {
    check(ptr, len);
    if (len > Resolver.MAX_PATH) {
      throw new WasiError(Errno.NAMETOOLONG, "path of " + len + " bytes");
    }
    return Resolver.decode(read(ptr, len));
  }
}
