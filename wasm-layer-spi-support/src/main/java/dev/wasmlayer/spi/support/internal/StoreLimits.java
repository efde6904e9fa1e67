package dev.wasmlayer.spi.support.internal;

import dev.wasmlayer.ExitException;
import dev.wasmlayer.Global;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.Store;
import dev.wasmlayer.StoreConfig;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.ValType;
import java.util.List;

/**
 * A store's two limits, written once for every backend: the memory cap counts the bytes of every
 * memory in the store, the table cap the elements of every table, from creation until the store
 * closes. Backends take from them when a memory or table is made or grown from the host; rewritten
 * modules ({@link GrowCounting}) take from {@link #globals} when wasm grows one.
 */
public final class StoreLimits {
  private final Budget memory;
  private final Budget tables;
  private List<Global> globals;

  /** The limits {@code config} asks for. */
  public StoreLimits(StoreConfig config) {
    long bytes = config.maxMemoryBytes().orElse(Long.MAX_VALUE);
    long elements = config.maxTableElements();
    this.memory = new Budget(() -> "memory cap of " + bytes + " bytes", bytes);
    this.tables = new Budget(() -> "table cap of " + elements + " elements", elements);
  }

  /** The memory budget, in bytes. */
  public Budget memory() {
    return memory;
  }

  /** The table budget, in elements. */
  public Budget tables() {
    return tables;
  }

  /** A reservation for one instantiation, holding nothing until {@link Reservation#take}. */
  public Reservation reservation() {
    return new Reservation();
  }

  /** What one instantiation took: its memories and tables at their minimums. */
  public final class Reservation {
    private Minimums taken = Minimums.NONE;

    private Reservation() {}

    /**
     * Takes {@code m} from both budgets, or from neither.
     *
     * @throws LimitException if either does not fit
     */
    public void take(Minimums m) {
      memory.take(
          m.memoryBytes(),
          () -> "the module's memories (" + m.memoryBytes() + " bytes at their minimums)");
      try {
        tables.take(
            m.tableElements(),
            () -> "the module's tables (" + m.tableElements() + " elements at their minimums)");
      } catch (LimitException e) {
        memory.give(m.memoryBytes());
        throw e;
      }
      taken = m;
    }

    /**
     * Gives back what was taken if the instantiation failed before guest code ran (a link error, a
     * limit, a module the engine refused, a store in use by another thread): then it made nothing
     * that lasts. After a trap or an exit in the start function the instance's memories may live on
     * in the store (and a host function may hold them), so they stay counted.
     *
     * @return {@code e}, for {@code throw reservation.failed(e)}
     */
    public <E extends RuntimeException> E failed(E e) {
      if (!(e instanceof TrapException) && !(e instanceof ExitException)) {
        memory.give(taken.memoryBytes());
        tables.give(taken.tableElements());
        taken = Minimums.NONE;
      }
      return e;
    }
  }

  /**
   * The mutable i64 globals a rewritten module imports, in its import order ({@link
   * GrowCounting#MEMORY}, {@link GrowCounting#TABLES}), made on first use in {@code store} (the
   * store these limits belong to). From then on the budgets live in them.
   */
  public synchronized List<Global> globals(Store<?> store) {
    if (globals == null) {
      Global m = store.newGlobal(GlobalType.mutable(ValType.I64), Value.i64(memory.remaining()));
      Global t = store.newGlobal(GlobalType.mutable(ValType.I64), Value.i64(tables.remaining()));
      memory.moveTo(m);
      tables.moveTo(t);
      globals = List.of(m, t);
    }
    return globals;
  }
}
