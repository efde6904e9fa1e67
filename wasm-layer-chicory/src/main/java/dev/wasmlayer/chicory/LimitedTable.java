package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.Table;
import dev.wasmlayer.LimitException;
import dev.wasmlayer.spi.support.internal.Budget;

/**
 * A Chicory table whose growth counts against the store's table budget and the Java heap: {@code
 * table.grow} from both of Chicory's engines and the host's grow call {@link #grow}. An
 * OutOfMemoryError is -1 (Chicory replaces its arrays only once both copies exist, so a failed grow
 * changes nothing).
 */
final class LimitedTable extends TableInstance {
  /**
   * A slot costs an int and a reference; growing copies both arrays, so old and new exist at once.
   */
  private static final long BYTES_PER_SLOT = 12;

  private final Budget budget;

  private LimitedTable(Table table, int initValue, Budget budget) {
    super(table, initValue);
    this.budget = budget;
  }

  /**
   * A table at its minimum, which the caller has taken from {@code budget}.
   *
   * @throws LimitException if the heap cannot hold it
   */
  static LimitedTable create(Table table, int initValue, Budget budget) {
    long min = table.limits().min();
    String what = "a table of " + min + " elements";
    if (min > Integer.MAX_VALUE || !JavaHeap.fits(min * BYTES_PER_SLOT)) {
      throw new LimitException(what + " does not fit in the Java heap");
    }
    try {
      return new LimitedTable(table, initValue, budget);
    } catch (OutOfMemoryError e) {
      throw new LimitException(what + " does not fit in the Java heap");
    }
  }

  @Override
  public int grow(int delta, int value, Instance instance) {
    if (delta < 0) {
      return -1;
    }
    return (int)
        budget.grow(
            delta,
            () -> {
              if (delta > Integer.MAX_VALUE - size()
                  || !JavaHeap.fits((2L * size() + delta) * BYTES_PER_SLOT)) {
                return -1;
              }
              try {
                return super.grow(delta, value, instance);
              } catch (OutOfMemoryError e) {
                return -1;
              }
            });
  }
}
