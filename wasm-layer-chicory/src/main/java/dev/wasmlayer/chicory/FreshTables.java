package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.TableFactory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Gives every instance its own table limits. Chicory 1.7.5's {@code TableInstance.grow} grows the
 * limits object of the module's table definition, so after one instance grows a table, later
 * instances of the same module start larger. This factory remembers each definition's declared
 * limits at compile time and builds each instance's table from a private copy.
 */
final class FreshTables implements TableFactory {
  private final Map<Table, long[]> declared = new IdentityHashMap<>();

  FreshTables(WasmModule module) {
    var section = module.tableSection();
    for (int i = 0; i < section.tableCount(); i++) {
      Table t = section.getTable(i);
      declared.put(t, new long[] {t.limits().min(), t.limits().max()});
    }
  }

  @Override
  public TableInstance create(Table table, int initValue) {
    return new TableInstance(fresh(table), initValue);
  }

  /** {@code table} with the limits its module declared, for one instance. */
  Table fresh(Table table) {
    long[] limits = declared.get(table);
    if (limits == null) {
      return table;
    }
    return new Table(
        table.elementType(), new TableLimits(limits[0], limits[1]), table.initialize());
  }
}
