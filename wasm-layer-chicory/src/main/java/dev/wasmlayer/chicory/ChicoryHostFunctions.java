package dev.wasmlayer.chicory;

import com.dylibso.chicory.runtime.WasmFunctionHandle;
import dev.wasmlayer.Caller;
import dev.wasmlayer.HostFunction;
import dev.wasmlayer.RawHostFunction;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.support.HostFailure;
import dev.wasmlayer.types.FuncType;
import java.util.Arrays;

/**
 * Turns wasm-layer host functions into Chicory handles. What a host function throws leaves wrapped
 * in {@link HostFailure}, so the call boundary can tell it from a wasm trap and keep it as the
 * cause.
 */
final class ChicoryHostFunctions {
  private ChicoryHostFunctions() {}

  static WasmFunctionHandle adapt(
      ChicoryStore<?> store, String name, FuncType type, HostFunction<Object> fn) {
    String what = "host function " + name + " result";
    return (instance, args) -> {
      store.enterHost();
      try {
        Caller<Object> caller = store.caller(instance);
        ChicoryValues values = store.values();
        Value[] results = fn.call(caller, values.toValues(type.params(), args, instance));
        if (results == null) {
          throw new NullPointerException(what + "s are null; return Value.NONE for no results");
        }
        return values.toSlots(type.results(), results, what, instance);
      } catch (Throwable t) {
        throw failure(name, t);
      } finally {
        store.exitHost();
      }
    };
  }

  static WasmFunctionHandle adaptRaw(
      ChicoryStore<?> store, String name, FuncType type, RawHostFunction<Object> fn) {
    int size = type.slotArraySize();
    int resultSlots = type.resultSlots();
    int[] f32Params = F32Slots.of(type.params());
    return (instance, args) -> {
      store.enterHost();
      try {
        // Chicory hands over a fresh array of exactly the parameters; reuse it when it is big
        // enough.
        long[] slots = args.length >= size ? args : Arrays.copyOf(args, size);
        F32Slots.zeroExtend(f32Params, slots);
        fn.call(store.caller(instance), slots);
        return slots.length == resultSlots ? slots : Arrays.copyOf(slots, resultSlots);
      } catch (Throwable t) {
        throw failure(name, t);
      } finally {
        store.exitHost();
      }
    };
  }

  /**
   * Everything a host function throws, {@code Error}s included, becomes a host trap with it as
   * cause: the same on every engine, and the engine stays usable (an OutOfMemoryError that reached
   * here has already unwound its stack).
   */
  private static RuntimeException failure(String name, Throwable t) {
    return new HostFailure(name, t);
  }
}
