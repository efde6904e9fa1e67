package dev.wasmlayer.spi.support.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rewrite on a module the size of a real interpreter (tens of thousands of functions, ~24 MB):
 * it is written once into one buffer, so it allocates little more than its output, and each buffer
 * a {@link Space} gives is either the result or given back.
 */
@Timeout(120)
class GrowCountingLargeTest {
  private static final int FUNCTIONS = 20_000;
  private static final int GROWING_EVERY = 97;
  private static final int PAIRS =
      300; // global.get 0, global.set 0 per function: 1,200 bytes of code

  /**
   * A module with one memory, one defined mutable global, FUNCTIONS functions and a 4 MB data
   * segment.
   */
  static byte[] large() {
    ByteSink m = new ByteSink().ops(0, 'a', 's', 'm', 1, 0, 0, 0);
    m.u8(1).u64(4).ops(1, 0x60, 0, 0); // type 0: [] -> []
    ByteSink funcs = new ByteSink().u64(FUNCTIONS);
    for (int i = 0; i < FUNCTIONS; i++) {
      funcs.u8(0);
    }
    section(m, 3, funcs);
    m.u8(5).u64(3).ops(1, 0, 1); // memory 1
    m.u8(6).u64(6).ops(1, 0x7F, 1, 0x41, 0, 0x0B); // (global (mut i32) (i32.const 0))
    ByteSink code = new ByteSink().u64(FUNCTIONS);
    for (int i = 0; i < FUNCTIONS; i++) {
      ByteSink body = new ByteSink().u8(0);
      for (int k = 0; k < PAIRS; k++) {
        body.ops(0x23, 0, 0x24, 0);
      }
      if (i % GROWING_EVERY == 0) {
        body.ops(0x41, 1, 0x40, 0, 0x1A); // drop (memory.grow (i32.const 1))
      }
      body.u8(0x0B);
      code.u64(body.size()).bytes(array(body));
    }
    section(m, 10, code);
    byte[] blob = new byte[4 << 20];
    ByteSink data = new ByteSink().u64(1).ops(0, 0x41, 0, 0x0B).u64(blob.length).bytes(blob);
    section(m, 11, data);
    return array(m);
  }

  private static void section(ByteSink m, int id, ByteSink payload) {
    m.u8(id).u64(payload.size()).bytes(array(payload));
  }

  private static byte[] array(ByteSink s) {
    ByteBuffer b = s.finish();
    byte[] out = new byte[b.limit()];
    b.get(0, out);
    return out;
  }

  /** Bytes this thread allocated so far (reflectively: the test runs inside the API's module). */
  private static long allocated() {
    try {
      Object mx =
          Class.forName("java.lang.management.ManagementFactory")
              .getMethod("getThreadMXBean")
              .invoke(null);
      return (Long)
          Class.forName("com.sun.management.ThreadMXBean")
              .getMethod("getCurrentThreadAllocatedBytes")
              .invoke(mx);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("this JVM cannot count allocated bytes", e);
    }
  }

  @Test
  void aLargeModuleIsRewrittenOnceIntoOneBuffer() {
    byte[] wasm = large();
    assertTrue(wasm.length > 20_000_000, "module of " + wasm.length + " bytes");
    GrowCounting.count(wasm); // warm up the code paths, so the count below is the rewrite's own
    long before = allocated();
    GrowCounting.Counted c = GrowCounting.count(wasm);
    long used = allocated() - before;
    assertTrue(c.importsBudgets());
    // one output buffer (3% slack) plus a little bookkeeping per function: no copy of a section or
    // a body
    long bound = (long) (wasm.length * 1.05) + 256L * FUNCTIONS;
    assertTrue(
        used < bound,
        "the rewrite of " + wasm.length + " bytes allocated " + used + ", over " + bound);

    ByteBuffer out = c.wasm();
    assertEquals(0, out.position());
    byte[] rewritten = c.bytes();
    ModuleInfo after = ModuleReader.read(rewritten);
    assertEquals(FUNCTIONS, after.functions().size());
    ModuleLayout layout = new ModuleLayout(rewritten);
    assertEquals(2, layout.importedGlobals, "the two budget globals");
    // every growing function still grows once, now counted; the others do not grow
    assertEquals(
        (FUNCTIONS + GROWING_EVERY - 1) / GROWING_EVERY,
        new GrowCode(layout).growing(layout.section(10)).cardinality());
    // function 0 declares the two locals its memory.grow needs, and its global 0 is now global 2
    ByteReader r = new ByteReader(rewritten, layout.section(10).payload());
    r.u32(); // functions
    r.u32(); // the first body's size
    assertEquals(2, r.u32());
    for (int i = 0; i < 2; i++) {
      assertEquals(1, r.u32());
      assertEquals(0x7F, r.u8());
    }
    assertEquals(0x23, r.u8());
    assertEquals(2, r.u32());
  }

  @Test
  void everyBufferASpaceGivesIsTheResultOrGivenBack() {
    byte[] wasm = large();
    List<ByteBuffer> taken = new ArrayList<>();
    List<ByteBuffer> given = new ArrayList<>();
    Space tiny = new Space() { // starts far too small, so the sink must grow many times
          @Override
          public ByteBuffer take(int capacity) {
            ByteBuffer b = ByteBuffer.allocateDirect(taken.isEmpty() ? 1 << 16 : capacity);
            taken.add(b);
            return b;
          }

          @Override
          public void give(ByteBuffer buffer) {
            given.add(buffer);
          }
        };
    GrowCounting.Counted c = GrowCounting.count(wasm, tiny);
    assertTrue(taken.size() > 3, taken.size() + " buffers");
    assertEquals(taken.size() - 1, given.size());
    assertTrue(taken.contains(c.wasm()) && !given.contains(c.wasm()));
    assertTrue(
        Arrays.equals(GrowCounting.count(wasm).bytes(), c.bytes()), "the same bytes anywhere");
  }
}
