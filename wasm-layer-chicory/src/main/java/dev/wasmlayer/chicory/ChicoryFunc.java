package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import dev.wasmlayer.Func;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.support.ShapedViews;
import dev.wasmlayer.spi.support.StoreObject;
import dev.wasmlayer.spi.support.ViewCall;
import dev.wasmlayer.types.FuncType;

/**
 * A function of a Chicory instance, by index: an export, or one reached through a table or a
 * funcref. Every call checks the store is open (one field read) and maps Chicory's failures.
 */
final class ChicoryFunc implements Func, ViewCall, StoreObject {
  private static final long[] NO_SLOTS = new long[0];

  private final ChicoryStore<?> store;
  private final Instance instance;
  private final int index;
  private final FuncType type;
  private final String name;
  private final ExportFunction function;

  /**
   * Built once: error messages name the function, and building them per call would cost more than
   * the call.
   */
  private final String argumentWhat;

  private final int paramSlots;
  private final int resultSlots;

  /**
   * Whether the raw path applies (numbers only), decided once so callRaw does not re-check the
   * type.
   */
  private final boolean rawOk;

  /** The f32 results' slots, zero-extended on the way out of {@link #callRaw}. */
  private final int[] f32Results;

  /**
   * Reused argument array for {@link #callRaw} when the caller's array is longer than the
   * parameters.
   */
  private long[] scratch;

  ChicoryFunc(
      ChicoryStore<?> store,
      Instance instance,
      int index,
      FuncType type,
      String name,
      ExportFunction function) {
    this.store = store;
    this.instance = instance;
    this.index = index;
    this.type = type;
    this.name = name;
    this.function = function;
    this.argumentWhat = "function '" + name + "' argument";
    this.paramSlots = type.paramSlots();
    this.resultSlots = type.resultSlots();
    this.rawOk = rawOk(type);
    this.f32Results = F32Slots.of(type.results());
  }

  private static boolean rawOk(FuncType type) {
    try {
      ChicoryTypes.requireRawSlots(type, "");
      return true;
    } catch (RuntimeException notRaw) {
      return false;
    }
  }

  @Override
  public ChicoryStore<?> store() {
    return store;
  }

  Instance chicoryInstance() {
    return instance;
  }

  int index() {
    return index;
  }

  String exportName() {
    return name;
  }

  /** Calls Chicory; every failure leaves as a wasm-layer exception. */
  long[] invoke(long[] args) {
    long gate = store.enterCall();
    try {
      long[] r = function.apply(args);
      return r == null ? NO_SLOTS : r;
    } catch (RuntimeException | StackOverflowError e) {
      throw ChicoryErrors.trap(e);
    } finally {
      store.exitCall(gate);
    }
  }

  @Override
  public FuncType type() {
    return type;
  }

  @Override
  public Value[] call(Value... args) {
    long gate = store.enterCall(); // first: converting references touches the store's tables
    try {
      ChicoryValues values = store.values();
      long[] slots = values.toSlots(type.params(), args, argumentWhat, instance);
      return values.toValues(type.results(), invoke(slots), instance);
    } finally {
      store.exitCall(gate);
    }
  }

  @Override
  public void callRaw(long[] slots) {
    if (!rawOk) {
      ChicoryTypes.requireRawSlots(type, "function '" + name + "'");
    }
    if (slots.length < paramSlots || slots.length < resultSlots) {
      throw new IllegalArgumentException(
          "function '"
              + name
              + "' needs a slot array of at least "
              + type.slotArraySize()
              + ", got "
              + slots.length);
    }
    long gate =
        store.enterCall(); // first: the scratch array belongs to the thread that owns the store
    try {
      long[] args = slots;
      if (slots.length != paramSlots) {
        if (depth > 0) {
          args =
              new long
                  [paramSlots]; // a nested call of this function must not overwrite the outer one's
        } else {
          if (scratch == null) {
            scratch = new long[paramSlots];
          }
          args = scratch;
        }
        System.arraycopy(slots, 0, args, 0, paramSlots);
      }
      depth++;
      long[] results;
      try {
        results = invoke(args);
      } finally {
        depth--;
      }
      System.arraycopy(results, 0, slots, 0, resultSlots);
      F32Slots.zeroExtend(f32Results, slots);
    } finally {
      store.exitCall(gate);
    }
  }

  /** This function's calls in progress on the owner thread (a host function may call it again). */
  private int depth;

  @Override
  public <T> T typed(Class<T> view) {
    return ShapedViews.typed(this, this, view);
  }

  /** A typed view's call: the same argument array Chicory's own API allocates, and nothing more. */
  @Override
  public long viewCall(int n, long a, long b, int argKind, int resultKind) {
    long[] r = invoke(n == 0 ? NO_SLOTS : n == 1 ? new long[] {a} : new long[] {a, b});
    return resultKind == VOID ? 0 : r[0];
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    store.checkOpen();
    if (type.isInstance(function)) {
      return type.cast(function);
    }
    throw new IllegalArgumentException(
        "a Chicory function unwraps to "
            + ExportFunction.class.getName()
            + ", not "
            + type.getName());
  }

  @Override
  public String toString() {
    return "ChicoryFunc{" + name + " " + type + "}";
  }
}
