package dev.wasmlayer.graalwasm;

import dev.wasmlayer.Func;
import dev.wasmlayer.TrapException;
import dev.wasmlayer.TrapKind;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.support.ShapedViews;
import dev.wasmlayer.spi.support.StoreObject;
import dev.wasmlayer.spi.support.ViewCall;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.RefType;
import java.util.Objects;

/** A guest function (an export, or one reached through a reference) of one store. */
final class GraalWasmFunc implements Func, ViewCall, StoreObject {
  private final GraalWasmStore<?> store;

  /**
   * Dropped when the store closes, so nothing the guest held stays reachable through this wrapper.
   */
  private org.graalvm.polyglot.Value guest;

  private final FuncType type;
  private final boolean hasRefs;

  GraalWasmFunc(GraalWasmStore<?> store, org.graalvm.polyglot.Value guest, FuncType type) {
    this.store = store;
    this.guest = guest;
    this.type = type;
    this.hasRefs =
        type.params().stream().anyMatch(RefType.class::isInstance)
            || type.results().stream().anyMatch(RefType.class::isInstance);
  }

  @Override
  public GraalWasmStore<?> store() {
    return store;
  }

  org.graalvm.polyglot.Value guest() {
    store.checkOpen();
    return guest;
  }

  @Override
  public FuncType type() {
    store.checkOpen();
    return type;
  }

  @Override
  public Value[] call(Value... args) {
    Objects.requireNonNull(args, "args");
    long gate =
        store.enterCall(); // first: converting values may enter the Context and touch the store's
    // maps
    try {
      Object[] guestArgs = store.values().toGuest(type, args);
      return store.values().results(type, invoke(guestArgs));
    } finally {
      store.exitCall(gate);
    }
  }

  @Override
  public void callRaw(long[] slots) {
    Objects.requireNonNull(slots, "slots");
    store.checkOpen();
    if (hasRefs) {
      throw new IllegalArgumentException(
          "callRaw cannot carry references; " + type + " has some: use call()");
    }
    if (slots.length < type.slotArraySize()) {
      throw new IllegalArgumentException(
          "callRaw needs " + type.slotArraySize() + " slots for " + type + ", got " + slots.length);
    }
    long gate = store.enterCall();
    try {
      org.graalvm.polyglot.Value r = invoke(store.values().fromSlots(type, slots));
      if (!type.results().isEmpty()) {
        store.values().toSlots(type, r, slots);
      }
    } finally {
      store.exitCall(gate);
    }
  }

  /** Runs the function in the store, turning GraalWasm's failures into wasm-layer's. */
  org.graalvm.polyglot.Value invoke(Object... args) {
    long gate = store.enterCall();
    try {
      return guest.execute(args);
    } catch (RuntimeException e) {
      throw GraalWasmErrors.trap(e);
    } catch (StackOverflowError e) {
      throw new TrapException(TrapKind.STACK_OVERFLOW, "call stack exhausted (Java stack)", e);
    } finally {
      store.exitCall(gate);
    }
  }

  @Override
  public <T> T typed(Class<T> view) {
    Objects.requireNonNull(view, "view");
    store.checkOpen();
    return ShapedViews.typed(this, this, view);
  }

  /**
   * A typed view's call straight onto {@code Value.execute}: exactly boxed arguments, the result
   * read as its kind.
   */
  @Override
  public long viewCall(int n, long a, long b, int argKind, int resultKind) {
    org.graalvm.polyglot.Value r =
        n == 0
            ? invoke()
            : n == 1 ? invoke(box(a, argKind)) : invoke(box(a, argKind), box(b, argKind));
    return switch (resultKind) {
      case I32 -> r.asInt();
      case I64 -> r.asLong();
      case F64 -> Double.doubleToRawLongBits(r.asDouble());
      default -> 0;
    };
  }

  private static Object box(long v, int kind) {
    return switch (kind) {
      case I32 -> Integer.valueOf((int) v);
      case I64 -> Long.valueOf(v);
      default -> Double.valueOf(Double.longBitsToDouble(v));
    };
  }

  void release() {
    guest = null;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    return store.unwrapGuest(guest, type);
  }

  @Override
  public String toString() {
    return "GraalWasmFunc{" + guest + " " + type + "}";
  }
}
