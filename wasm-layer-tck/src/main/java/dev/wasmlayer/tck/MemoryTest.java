package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Feature;
import dev.wasmlayer.Imports;
import dev.wasmlayer.Instance;
import dev.wasmlayer.LinkException;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.AddressType;
import dev.wasmlayer.types.MemoryType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Linear memory from the host: bulk and typed access, strings, growth, bounds, host-created
 * memories.
 */
class MemoryTest extends TckBase {
  private Instance inst;
  private Memory mem;

  private void load() {
    inst = instantiate("memory");
    mem = inst.memory("memory").orElseThrow();
  }

  @Test
  void sizeAndType() {
    load();
    assertEquals(1, mem.pages());
    assertEquals(65536, mem.byteSize());
    assertEquals(new MemoryType(1, OptionalLong.of(4), AddressType.I32, false), mem.type());
  }

  @Test
  void dataSegmentsAreVisible() {
    load();
    assertEquals("hello", mem.readString(0, 5));
    assertArrayEquals("hel".getBytes(StandardCharsets.US_ASCII), mem.readBytes(0, 3));
  }

  @ParameterizedTest
  @ValueSource(ints = {0x0102_0304, -1, Integer.MIN_VALUE, 0})
  void hostWritesAreLittleEndianForWasm(int v) {
    load();
    mem.writeInt(100, v);
    assertEquals(v, func(inst, "load_i32").call(Value.i32(100))[0].i32());
    assertEquals(v & 0xFF, func(inst, "load_u8").call(Value.i32(100))[0].i32());
    assertEquals(v, mem.readInt(100));
  }

  @ParameterizedTest
  @ValueSource(longs = {0x0102_0304_0506_0708L, -2L, Long.MAX_VALUE})
  void wasmWritesAreReadByTheHost(long v) {
    load();
    func(inst, "store_i64").call(Value.i32(200), Value.i64(v));
    assertEquals(v, mem.readLong(200));
    assertEquals((int) v, mem.readInt(200));
    assertEquals((short) v, mem.readShort(200));
    assertEquals((byte) v, mem.readByte(200));
  }

  @Test
  void typedAccessorsRoundTrip() {
    load();
    mem.writeByte(1, (byte) -2);
    mem.writeShort(2, (short) -300);
    mem.writeFloat(8, 1.5f);
    mem.writeDouble(16, -2.25);
    mem.writeLong(24, 1L << 60);
    assertEquals((byte) -2, mem.readByte(1));
    assertEquals((short) -300, mem.readShort(2));
    assertEquals(1.5f, mem.readFloat(8));
    assertEquals(-2.25, mem.readDouble(16));
    assertEquals(-2.25, func(inst, "load_f64").call(Value.i32(16))[0].f64());
    assertEquals(1L << 60, func(inst, "load_i64").call(Value.i32(24))[0].i64());
  }

  @Test
  void bulkReadWriteWithArraysAndBuffers() {
    load();
    byte[] data = new byte[1000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7);
    }
    mem.write(1000, data, 10, 500);
    byte[] back = new byte[520];
    mem.read(1000, back, 20, 500);
    for (int i = 0; i < 500; i++) {
      assertEquals(data[10 + i], back[20 + i]);
    }
    ByteBuffer direct = ByteBuffer.allocateDirect(64);
    for (int i = 0; i < 64; i++) {
      direct.put((byte) i);
    }
    direct.flip();
    mem.write(5000, direct);
    assertEquals(64, direct.position());
    ByteBuffer heap = ByteBuffer.allocate(64);
    mem.read(5000, heap);
    assertEquals(64, heap.position());
    assertEquals(63, heap.get(63));
    assertEquals(0x0302_0100, func(inst, "load_i32").call(Value.i32(5000))[0].i32());
  }

  @Test
  void utf8Strings() {
    load();
    int n = mem.writeString(300, "héllo ✓");
    assertEquals("héllo ✓".getBytes(StandardCharsets.UTF_8).length, n);
    assertEquals("héllo ✓", mem.readString(300, n));
    mem.writeByte(300 + n, (byte) 0);
    assertEquals("héllo ✓", mem.readCString(300));
  }

  @Test
  void growFromHostAndWasm() {
    load();
    assertEquals(1, mem.grow(1));
    assertEquals(2, mem.pages());
    assertEquals(2, func(inst, "size").call()[0].i32());
    assertEquals(2, func(inst, "grow").call(Value.i32(2))[0].i32());
    assertEquals(4 * 65536L, mem.byteSize());
    assertEquals(-1, mem.grow(1), "past the maximum fails as memory.grow does");
    assertEquals(-1, func(inst, "grow").call(Value.i32(1))[0].i32());
    assertEquals(4, mem.pages());
    mem.writeInt(4 * 65536L - 4, 77);
    assertEquals(77, func(inst, "load_i32").call(Value.i32(4 * 65536 - 4))[0].i32());
  }

  @Test
  void outOfBoundsHostAccessThrowsAndWritesNothing() {
    load();
    assertThrows(IndexOutOfBoundsException.class, () -> mem.readInt(65533));
    assertThrows(IndexOutOfBoundsException.class, () -> mem.readByte(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> mem.write(65530, new byte[7]));
    assertThrows(IndexOutOfBoundsException.class, () -> mem.readBytes(0, 65537));
    assertThrows(IndexOutOfBoundsException.class, () -> mem.readLong(Long.MAX_VALUE));
    assertEquals(0, mem.readByte(65530), "a failed write changes nothing");
    mem.writeInt(65532, 5);
    assertEquals(5, mem.readInt(65532), "the last four bytes are in bounds");
  }

  @Test
  void exportedMemoryIsTheSameObjectEachTime() {
    load();
    assertSame(mem, inst.memory("memory").orElseThrow());
  }

  @Test
  void hostCreatedMemoryAsImport() {
    Memory host = store.newMemory(MemoryType.of(1, 3));
    host.writeInt(8, 1234);
    Instance i =
        instantiate("memory_import", Imports.builder().memory("env", "memory", host).build());
    assertEquals(1234, func(i, "load_i32").call(Value.i32(8))[0].i32());
    func(i, "store_i32").call(Value.i32(12), Value.i32(-9));
    assertEquals(-9, host.readInt(12));
    assertEquals(1, host.grow(2));
    assertEquals(3, func(i, "size").call()[0].i32());
    assertEquals(OptionalLong.of(3), host.type().maximum());
  }

  @Test
  void tooSmallMemoryDoesNotLink() {
    Memory tiny = store.newMemory(MemoryType.of(0, 1));
    LinkException e =
        assertThrows(
            LinkException.class,
            () ->
                instantiate(
                    "memory_import", Imports.builder().memory("env", "memory", tiny).build()));
    assertTrue(e.getMessage().contains("env.memory"), e.getMessage());
  }

  @Test
  @RequiresFeature(Feature.MEMORY64)
  void memory64() {
    Instance i = instantiate("memory64");
    Memory m = i.memory("memory").orElseThrow();
    assertEquals(AddressType.I64, m.type().addressType());
    m.writeInt(40, 99);
    assertEquals(99, func(i, "load").call(Value.i64(40))[0].i32());
  }
}
