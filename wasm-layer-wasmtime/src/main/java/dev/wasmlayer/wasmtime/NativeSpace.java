package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.wasmlayer.spi.support.internal.Space;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Native memory for one rewritten module: wasmtime reads it where it is, and it is freed as soon as
 * wasmtime has compiled it, so a large module is not held twice on the Java heap during a compile
 * that takes seconds. One thread.
 */
final class NativeSpace implements Space, AutoCloseable {
  private final Map<ByteBuffer, Memory> taken = new IdentityHashMap<>();

  @Override
  public ByteBuffer take(int capacity) {
    Memory memory = new Memory(capacity);
    ByteBuffer buffer = memory.getByteBuffer(0, capacity);
    taken.put(buffer, memory);
    return buffer;
  }

  @Override
  public void give(ByteBuffer buffer) {
    Memory memory = taken.remove(buffer);
    if (memory != null) {
      memory.close();
    }
  }

  /** Where {@code buffer}, taken from here, starts. */
  Pointer address(ByteBuffer buffer) {
    Memory memory = taken.get(buffer);
    if (memory == null) {
      throw new IllegalArgumentException("not a buffer of this space");
    }
    return memory;
  }

  /** Frees every buffer still taken. */
  @Override
  public void close() {
    taken.values().forEach(Memory::close);
    taken.clear();
  }
}
