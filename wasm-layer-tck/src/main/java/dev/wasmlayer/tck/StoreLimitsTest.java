package dev.wasmlayer.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmlayer.Feature;
import dev.wasmlayer.Instance;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.Memory;
import dev.wasmlayer.Module;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.Table;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.Value;
import dev.wasmlayer.tck.support.RequiresFeature;
import dev.wasmlayer.tck.support.Rss;
import dev.wasmlayer.tck.support.TckBase;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.types.ValType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The store's limits count every memory and table of every instance in the store, and those the
 * host made: growth past what is left is -1 (from wasm and from the host), and an instantiation
 * whose minimums do not fit fails with {@link LimitException}.
 */
class StoreLimitsTest extends TckBase {
  private static final long MIB = 1 << 20;
  private static final int PAGE = 65536;

  /**
   * Eight memories of one page, each exported as m0..m7 and grown by grow0..grow7 (delta) -> old
   * size.
   */
  private static final String EIGHT_MEMORIES = eightMemories();

  private static String eightMemories() {
    StringBuilder wat = new StringBuilder("(module");
    for (int k = 0; k < 8; k++) {
      wat.append(" (memory $m")
          .append(k)
          .append(" 1) (export \"m")
          .append(k)
          .append("\" (memory $m")
          .append(k)
          .append(")) (func (export \"grow")
          .append(k)
          .append("\") (param i32) (result i32) (memory.grow $m")
          .append(k)
          .append(" (local.get 0)))");
    }
    return wat.append(')').toString();
  }

  private static final String ONE_TABLE =
      "(module (table $t 10 funcref) (export \"t\" (table $t))"
          + " (func (export \"grow\") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0))))";

  private static final String TABLE_BOMB =
      "(module (table $t 0 funcref)"
          + " (func (export \"bomb\") (result i32) (table.grow $t (ref.null func) (i32.const 0x7fffffff)))"
          + " (func (export \"size\") (result i32) (table.size $t)))";

  private Module compile(String wat) {
    return engine.compile(wat.getBytes(StandardCharsets.UTF_8));
  }

  private static int call(Instance i, String name, int arg) {
    return func(i, name).call(Value.i32(arg))[0].i32();
  }

  private static long totalPages(List<Memory> memories) {
    return memories.stream().mapToLong(Memory::pages).sum();
  }

  @Test
  @Timeout(120)
  @RequiresFeature({Feature.MEMORY_LIMITS, Feature.MULTI_MEMORY})
  void theMemoryCapCountsEveryMemoryOfEveryInstance() {
    long capPages = 16 * MIB / PAGE;
    try (Store<Void> s =
            engine.newStore(null, StoreConfig.builder().maxMemoryBytes(16 * MIB).build());
        Module m = compile(EIGHT_MEMORIES)) {
      List<Instance> instances = new ArrayList<>();
      List<Memory> memories = new ArrayList<>();
      for (int n = 0; n < 4; n++) {
        Instance i = s.instantiate(m);
        instances.add(i);
        for (int k = 0; k < 8; k++) {
          memories.add(i.memory("m" + k).orElseThrow());
        }
      }
      assertEquals(32, totalPages(memories));
      boolean grew = true;
      while (grew) { // one page at a time, round robin, until every memory is refused
        grew = false;
        for (Instance i : instances) {
          for (int k = 0; k < 8; k++) {
            if (call(i, "grow" + k, 1) != -1) {
              grew = true;
            }
            long total = totalPages(memories);
            assertTrue(
                total <= capPages,
                "the store's memories hold " + total + " pages; the cap is " + capPages);
          }
        }
      }
      assertEquals(capPages, totalPages(memories), "growth stops exactly at the cap");
      assertEquals(-1, call(instances.get(2), "grow5", 1));
      assertEquals(-1, memories.get(7).grow(1), "the host's grow is refused too");
      assertEquals(
          memories.get(7).pages(), memories.get(7).grow(0), "growing by nothing still works");
      assertThrows(
          LimitException.class, () -> s.instantiate(m), "a fifth instance needs 8 more pages");
      assertThrows(LimitException.class, () -> s.newMemory(MemoryType.of(1)));
      assertEquals(capPages, totalPages(memories));
      try (Store<Void> other =
          engine.newStore(null, StoreConfig.builder().maxMemoryBytes(16 * MIB).build())) {
        other.instantiate(m); // each store has its own budget
      }
    }
  }

  @Test
  @Timeout(60)
  @RequiresFeature(Feature.MEMORY_LIMITS)
  void hostMemoriesCountAgainstTheCap() {
    try (Store<Void> s =
        engine.newStore(null, StoreConfig.builder().maxMemoryBytes(4 * PAGE).build())) {
      Memory host = s.newMemory(MemoryType.of(2));
      Instance i = s.instantiate(module("memory")); // one page, at most four
      Memory mem = i.memory("memory").orElseThrow();
      assertEquals(1, mem.grow(1));
      assertEquals(
          -1, func(i, "grow").call(Value.i32(1))[0].i32(), "2 + 2 pages use the whole cap");
      assertEquals(-1, host.grow(1));
      assertEquals(2, host.pages());
      assertEquals(2, mem.pages());
      assertThrows(LimitException.class, () -> s.newMemory(MemoryType.of(1)));
    }
  }

  @Test
  @Timeout(60)
  @RequiresFeature(Feature.MEMORY_LIMITS)
  void minimumsAboveWhatIsLeftFailInstantiation() {
    StoreConfig config =
        StoreConfig.builder().maxMemoryBytes(16 * MIB).maxTableElements(1000).build();
    try (Store<Void> s = engine.newStore(null, config);
        Module bigMemory = compile("(module (memory 257))");
        Module bigTable = compile("(module (table 1001 funcref))");
        Module fits = compile("(module (memory 256) (table 1000 funcref))")) {
      LimitException m = assertThrows(LimitException.class, () -> s.instantiate(bigMemory));
      assertTrue(m.getMessage().contains(String.valueOf(16 * MIB)), m.getMessage());
      LimitException t = assertThrows(LimitException.class, () -> s.instantiate(bigTable));
      assertTrue(t.getMessage().contains("1000"), t.getMessage());
      assertThrows(LimitException.class, () -> s.newMemory(MemoryType.of(257)));
      assertThrows(
          LimitException.class,
          () ->
              s.newTable(
                  TableType.of(ValType.FUNCREF, 1001, 2000), Value.nullRef(ValType.FUNCREF)));
      s.instantiate(fits); // exactly the caps: nothing was taken by the refused ones
      assertThrows(LimitException.class, () -> s.newMemory(MemoryType.of(1)));
      assertThrows(
          LimitException.class,
          () -> s.newTable(TableType.of(ValType.FUNCREF, 1, 2), Value.nullRef(ValType.FUNCREF)));
    }
  }

  @Test
  @Timeout(60)
  @RequiresFeature(Feature.MEMORY_LIMITS)
  void anInstanceWhoseStartTrapsStaysCounted() {
    try (Store<Void> s =
            engine.newStore(null, StoreConfig.builder().maxMemoryBytes(3 * PAGE).build());
        Module m = compile("(module (memory 1) (func $s unreachable) (start $s))")) {
      assertThrows(TrapException.class, () -> s.instantiate(m));
      // the start function ran: its memory may live on in the store (a host function could hold
      // it), so it counts
      assertThrows(LimitException.class, () -> s.newMemory(MemoryType.of(3)));
      assertEquals(2, s.newMemory(MemoryType.of(2)).pages());
    }
  }

  @Test
  @Timeout(60)
  @RequiresFeature({Feature.MEMORY_LIMITS, Feature.MEMORY64})
  void sixtyFourBitMemoriesAndTablesCountToo() {
    StoreConfig config =
        StoreConfig.builder().maxMemoryBytes(4 * PAGE).maxTableElements(100).build();
    try (Store<Void> s = engine.newStore(null, config);
        Module m =
            compile(
                "(module (memory $m i64 1) (table $t i64 0 funcref)"
                    + " (func (export \"grow\") (param i64) (result i64) (memory.grow $m (local.get 0)))"
                    + " (func (export \"grow_table\") (param i64) (result i64) (table.grow $t (ref.null func) (local.get 0))))")) {
      Instance i = s.instantiate(m);
      assertEquals(1, func(i, "grow").call(Value.i64(2))[0].i64());
      assertEquals(-1, func(i, "grow").call(Value.i64(2))[0].i64(), "3 + 2 pages exceed 4");
      assertEquals(
          -1, func(i, "grow").call(Value.i64(Long.MIN_VALUE))[0].i64(), "an unsigned 2^63 pages");
      assertEquals(3, func(i, "grow").call(Value.i64(1))[0].i64());
      assertEquals(0, func(i, "grow_table").call(Value.i64(100))[0].i64());
      assertEquals(-1, func(i, "grow_table").call(Value.i64(1))[0].i64());
    }
  }

  @Test
  @Timeout(60)
  @RequiresFeature(Feature.REFERENCE_TYPES)
  void theTableCapCountsEveryTableOfTheStore() {
    try (Store<Void> s =
            engine.newStore(null, StoreConfig.builder().maxTableElements(1000).build());
        Module m = compile(ONE_TABLE)) {
      Instance a = s.instantiate(m);
      Instance b = s.instantiate(m);
      Table host =
          s.newTable(TableType.of(ValType.FUNCREF, 5, 100), Value.nullRef(ValType.FUNCREF));
      assertEquals(10, call(a, "grow", 500));
      assertEquals(-1, call(b, "grow", 476), "10 + 10 + 5 + 500 used; 475 left");
      assertEquals(10, call(b, "grow", 475));
      assertEquals(-1, call(a, "grow", 1));
      assertEquals(-1, host.grow(1, Value.nullRef(ValType.FUNCREF)));
      assertEquals(-1, a.table("t").orElseThrow().grow(1, Value.nullRef(ValType.FUNCREF)));
      assertEquals(510, a.table("t").orElseThrow().size());
      assertEquals(485, b.table("t").orElseThrow().size());
      assertEquals(5, host.size());
      assertThrows(LimitException.class, () -> s.instantiate(m));
    }
  }

  @Test
  @Timeout(60)
  @RequiresFeature(Feature.REFERENCE_TYPES)
  void aTableBombIsRefusedQuicklyUnderTheDefaultCap() {
    assertEquals(StoreConfig.DEFAULT_MAX_TABLE_ELEMENTS, StoreConfig.defaults().maxTableElements());
    long rssBefore = Rss.bytes();
    long t0 = System.nanoTime();
    try (Store<Void> s = engine.newStore(null);
        Module m = compile(TABLE_BOMB)) {
      Instance i = s.instantiate(m);
      assertEquals(-1, func(i, "bomb").call()[0].i32());
      assertEquals(0, func(i, "size").call()[0].i32());
      // two tables each below every engine's own per-table limit, together above the store's
      // default cap
      assertThrows(
          LimitException.class,
          () -> s.instantiate(compile("(module (table 5000001 funcref) (table 5000000 funcref))")));
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    long grown = Rss.bytes() - rssBefore;
    System.out.println(
        "wasm-layer: "
            + engine.id()
            + " table bomb refused in "
            + ms
            + " ms, resident memory grew "
            + grown / MIB
            + " MiB");
    assertTrue(ms < 10_000, "took " + ms + " ms");
    assertTrue(grown < 64 * MIB, "resident memory grew by " + grown / MIB + " MiB");
  }

  @Test
  @Timeout(60)
  @RequiresFeature(Feature.REFERENCE_TYPES)
  void anExplicitTableCapStopsTheBomb() {
    try (Store<Void> s = engine.newStore(null, StoreConfig.builder().maxTableElements(64).build());
        Module m = compile(TABLE_BOMB)) {
      Instance i = s.instantiate(m);
      assertEquals(-1, func(i, "bomb").call()[0].i32());
      assertEquals(0, func(i, "size").call()[0].i32());
    }
  }
}
