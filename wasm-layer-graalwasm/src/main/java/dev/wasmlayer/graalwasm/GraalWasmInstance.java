package dev.wasmlayer.graalwasm;

import dev.wasmlayer.spi.support.InstanceBase;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.TableType;
import org.graalvm.polyglot.Value;

/**
 * An instance: its exports wrapped once, in the module's export order, with types from the module's
 * binary.
 */
final class GraalWasmInstance extends InstanceBase<GraalWasmStore<?>, GraalWasmModule> {
  /**
   * Where host functions of one instantiation find their instance. GraalWasm gives host functions
   * no caller, so the instance is filled in as soon as instantiation returns; before that (the
   * start section) it is empty.
   */
  static final class Slot {
    private GraalWasmInstance instance;

    void set(GraalWasmInstance instance) {
      this.instance = instance;
    }

    GraalWasmInstance get() {
      return instance;
    }
  }

  GraalWasmInstance(GraalWasmStore<?> store, GraalWasmModule module, Value guestExports) {
    super(store, module);
    wrapExports(
        e -> {
          Value v = guestExports.getMember(e.name());
          return switch (e.type().kind()) {
            case FUNC -> store.func(v, (FuncType) e.type());
            case MEMORY -> store.memory(v, (MemoryType) e.type());
            case GLOBAL -> store.global(v, (GlobalType) e.type());
            case TABLE -> store.table(v, (TableType) e.type());
            default ->
                null; // tags: GraalWasm 25 has no exceptions, and such modules do not compile
          };
        });
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    throw new IllegalArgumentException(
        "a GraalWasm instance has no object to unwrap to " + type.getName() + "; use its exports");
  }
}
