package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import dev.wasmlayer.Func;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.types.VecType;

/** An exported function. Every call checks the store is open (one field read) and maps Chicory's failures. */
final class ChicoryFunc implements Func {
  private static final long[] NO_SLOTS = new long[0];

  private final ChicoryStore<?> store;
  private final FuncType type;
  private final String name;
  private final Instance instance;
  private final ExportFunction function;
  private final int paramSlots;
  private final int resultSlots;
  private final boolean slotsOnly;
  /** Reused argument array for {@link #callRaw} when the caller's array is longer than the parameters. */
  private long[] scratch;

  ChicoryFunc(ChicoryStore<?> store, Instance instance, FuncType type, String name) {
    this.store = store;
    this.instance = instance;
    this.type = type;
    this.name = name;
    this.function = instance.export(name);
    this.paramSlots = type.paramSlots();
    this.resultSlots = type.resultSlots();
    this.slotsOnly = numbersOnly(type);
  }

  private static boolean numbersOnly(FuncType type) {
    for (ValType t : type.params()) {
      if (t instanceof RefType || t == VecType.V128) {
        return false;
      }
    }
    for (ValType t : type.results()) {
      if (t instanceof RefType || t == VecType.V128) {
        return false;
      }
    }
    return true;
  }

  ChicoryStore<?> store() {
    return store;
  }

  Instance chicoryInstance() {
    return instance;
  }

  String exportName() {
    return name;
  }

  /** Calls Chicory; every failure leaves as a wasm-layer exception. */
  long[] invoke(long[] args) {
    store.checkOpen();
    try {
      long[] r = function.apply(args);
      return r == null ? NO_SLOTS : r;
    } catch (RuntimeException | StackOverflowError e) {
      throw ChicoryErrors.trap(e);
    }
  }

  @Override
  public FuncType type() {
    return type;
  }

  @Override
  public Value[] call(Value... args) {
    long[] slots = ChicoryTypes.toSlots(type.params(), args, "function '" + name + "' argument");
    long[] results = invoke(slots);
    return ChicoryTypes.toValues(type.results(), results);
  }

  @Override
  public void callRaw(long[] slots) {
    if (!slotsOnly) {
      type.params().forEach(ChicoryTypes::requireSlotType);
      type.results().forEach(ChicoryTypes::requireSlotType);
    }
    if (slots.length < paramSlots || slots.length < resultSlots) {
      throw new IllegalArgumentException("function '" + name + "' needs a slot array of at least "
          + type.slotArraySize() + ", got " + slots.length);
    }
    long[] args = slots;
    if (slots.length != paramSlots) {
      if (scratch == null) {
        scratch = new long[paramSlots];
      }
      System.arraycopy(slots, 0, scratch, 0, paramSlots);
      args = scratch;
    }
    long[] results = invoke(args);
    System.arraycopy(results, 0, slots, 0, resultSlots);
  }

  @Override
  public <T> T typed(Class<T> view) {
    return ChicoryViews.create(this, view);
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    store.checkOpen();
    if (type.isInstance(function)) {
      return type.cast(function);
    }
    throw new IllegalArgumentException("a Chicory function unwraps to " + ExportFunction.class.getName()
        + ", not " + type.getName());
  }

  @Override
  public String toString() {
    return "ChicoryFunc{" + name + " " + type + "}";
  }
}
