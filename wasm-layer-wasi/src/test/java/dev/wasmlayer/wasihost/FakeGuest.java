package dev.wasmlayer.wasihost;

import dev.wasmlayer.Caller;
import dev.wasmlayer.Extern;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Store;
import dev.wasmlayer.spi.support.HostCalls;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.wasi.Wasi;
import dev.wasmlayer.wasi.WasiConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** Calls the WASI functions directly, as a guest with a 1 MiB memory would, without an engine. */
final class FakeGuest implements AutoCloseable {
  final JavaWasi wasi;
  final ByteBuffer mem = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
  private final Caller<Object> caller;

  FakeGuest(WasiConfig config) {
    wasi = JavaWasi.create(config, () -> false);
    Memory m = memory();
    caller =
        new Caller<>() {
          @Override
          public Object data() {
            return null;
          }

          @Override
          public Store<?> store() {
            throw new UnsupportedOperationException();
          }

          @Override
          public Optional<Extern> export(String name) {
            return name.equals("memory") ? Optional.of(m) : Optional.empty();
          }
        };
  }

  /** Calls {@code name} with {@code args}; returns its errno. */
  int call(String name, long... args) {
    Imports.RawHostFunc f =
        (Imports.RawHostFunc) wasi.imports().resolve(Wasi.MODULE, name).orElseThrow();
    long[] slots = Arrays.copyOf(args, Math.max(1, args.length));
    HostCalls.untyped(f.function()).call(caller, slots);
    return (int) slots[0];
  }

  /** Puts {@code s} at {@code at}; returns its length in bytes. */
  long put(int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    mem.put(at, b);
    return b.length;
  }

  String string(int at, int len) {
    byte[] b = new byte[len];
    mem.get(at, b);
    return new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    wasi.close();
  }

  private Memory memory() {
    return new Memory() {
      @Override
      public MemoryType type() {
        throw new UnsupportedOperationException();
      }

      @Override
      public <T> T unwrap(Class<T> type) {
        throw new UnsupportedOperationException();
      }

      @Override
      public long pages() {
        return mem.capacity() / 65536;
      }

      @Override
      public long byteSize() {
        return mem.capacity();
      }

      @Override
      public long grow(long deltaPages) {
        return -1;
      }

      @Override
      public void read(long offset, byte[] dst, int dstOffset, int length) {
        mem.get(Math.toIntExact(offset), dst, dstOffset, length);
      }

      @Override
      public void write(long offset, byte[] src, int srcOffset, int length) {
        mem.put(Math.toIntExact(offset), src, srcOffset, length);
      }

      @Override
      public byte readByte(long offset) {
        return mem.get(Math.toIntExact(offset));
      }

      @Override
      public short readShort(long offset) {
        return mem.getShort(Math.toIntExact(offset));
      }

      @Override
      public int readInt(long offset) {
        return mem.getInt(Math.toIntExact(offset));
      }

      @Override
      public long readLong(long offset) {
        return mem.getLong(Math.toIntExact(offset));
      }

      @Override
      public void writeByte(long offset, byte value) {
        mem.put(Math.toIntExact(offset), value);
      }

      @Override
      public void writeShort(long offset, short value) {
        mem.putShort(Math.toIntExact(offset), value);
      }

      @Override
      public void writeInt(long offset, int value) {
        mem.putInt(Math.toIntExact(offset), value);
      }

      @Override
      public void writeLong(long offset, long value) {
        mem.putLong(Math.toIntExact(offset), value);
      }
    };
  }
}
