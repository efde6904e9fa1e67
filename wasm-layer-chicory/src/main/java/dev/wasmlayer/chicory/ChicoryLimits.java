package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableFactory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.Table;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.spi.support.internal.Minimums;
import dev.wasmlayer.spi.support.internal.StoreLimits;

/**
 * A store's limits as Chicory applies them: every memory and table of the store is a {@link
 * LimitedMemory} or {@link LimitedTable} drawing on the store's budgets. An instantiation takes its
 * minimums at once ({@link #reserve}); a memory or table the host makes takes its own.
 */
final class ChicoryLimits {
  private final StoreLimits limits;

  /** Each memory's maximum as Chicory sees it: at most the cap, which no memory can pass anyway. */
  private final int capPages;

  ChicoryLimits(StoreConfig config) {
    this.limits = new StoreLimits(config);
    this.capPages =
        (int)
            Math.min(
                MemoryLimits.MAX_PAGES,
                config.maxMemoryBytes().orElse(Long.MAX_VALUE) / Memory.PAGE_SIZE);
  }

  /** A reservation for one instantiation ({@link #reserve}). */
  StoreLimits.Reservation reservation() {
    return limits.reservation();
  }

  /**
   * Takes what instantiating {@code module} creates, its memories and tables at their minimums,
   * into {@code r}.
   */
  void reserve(StoreLimits.Reservation r, WasmModule module) {
    Minimums m = Minimums.NONE;
    var memories = module.memorySection();
    for (int i = 0; memories.isPresent() && i < memories.get().memoryCount(); i++) {
      m =
          m.plusMemory(
              (long) memories.get().getMemory(i).limits().initialPages() * Memory.PAGE_SIZE);
    }
    for (int i = 0; i < module.tableSection().tableCount(); i++) {
      m = m.plusTable(module.tableSection().getTable(i).limits().min());
    }
    r.take(m);
  }

  /** A memory an instantiation creates (its minimum was reserved with the module's). */
  Memory memory(MemoryLimits declared) {
    MemoryLimits capped =
        new MemoryLimits(
            declared.initialPages(),
            Math.min(declared.maximumPages(), capPages),
            declared.shared());
    return LimitedMemory.create(capped, limits.memory());
  }

  /** A memory the host creates: its minimum is taken here. */
  Memory hostMemory(MemoryLimits declared) {
    long bytes = (long) declared.initialPages() * Memory.PAGE_SIZE;
    limits.memory().take(bytes, "a memory of " + declared.initialPages() + " pages");
    try {
      return memory(declared);
    } catch (LimitException e) {
      limits.memory().give(bytes);
      throw e;
    }
  }

  /**
   * The tables of an instantiation: private copies of the module's definitions (see {@link
   * FreshTables}).
   */
  TableFactory tables(FreshTables declared) {
    return (table, init) -> LimitedTable.create(declared.fresh(table), init, limits.tables());
  }

  /** A table the host creates: its minimum is taken here. */
  TableInstance hostTable(Table table, int init) {
    long min = table.limits().min();
    limits.tables().take(min, "a table of " + min + " elements");
    try {
      return LimitedTable.create(table, init, limits.tables());
    } catch (LimitException e) {
      limits.tables().give(min);
      throw e;
    }
  }
}
