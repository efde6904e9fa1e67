package dev.wasmlayer.graalwasm;

import dev.wasmlayer.Caller;
import dev.wasmlayer.HostFunction;
import dev.wasmlayer.RawHostFunction;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.support.Checks;
import dev.wasmlayer.spi.support.HostFailure;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.NumType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.types.VecType;
import java.util.List;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * Turns wasm-layer host functions into GraalWasm's import values ({@link ProxyExecutable}s).
 * Results go back exactly boxed, several as a {@link ProxyArray} (the only multi-value form
 * GraalWasm takes). What a host function throws leaves wrapped in {@link HostFailure}; a stop that
 * came while one ran leaves as {@link StopOnReturn}.
 */
final class GraalWasmHostFunctions {
  private GraalWasmHostFunctions() {}

  static ProxyExecutable adapt(
      GraalWasmStore<?> store,
      String name,
      FuncType type,
      HostFunction<Object> fn,
      Caller<Object> caller) {
    String what = "host function " + name + " result";
    List<ValType> params = type.params();
    List<ValType> results = type.results();
    GraalWasmValues values = store.values();
    return args -> {
      store.enterHost();
      Object result;
      try {
        Value[] in = new Value[params.size()];
        for (int i = 0; i < in.length; i++) {
          in[i] = values.fromGuest(params.get(i), args[i]);
        }
        Value[] out = fn.call(caller, in);
        if (out == null) {
          throw new NullPointerException(what + "s are null; return Value.NONE for no results");
        }
        if (out.length != results.size()) {
          throw new IllegalArgumentException(
              what + "s: expected " + results.size() + " " + results + ", got " + out.length);
        }
        Object[] guest = new Object[out.length];
        for (int i = 0; i < out.length; i++) {
          Checks.value(results.get(i), out[i], what + " " + i);
          guest[i] = values.toGuestUnchecked(results.get(i), out[i]);
        }
        result = pack(guest);
      } catch (Throwable t) {
        store.exitHost(); // the host function's failure ends the call anyway
        throw new HostFailure(name, t);
      }
      return backToWasm(store, name, result);
    };
  }

  static ProxyExecutable adaptRaw(
      GraalWasmStore<?> store,
      String name,
      FuncType type,
      RawHostFunction<Object> fn,
      Caller<Object> caller) {
    if (numbersOnly(type.params()) && numbersOnly(type.results())) {
      return adaptRawNumbers(store, name, type, fn, caller);
    }
    List<ValType> params = type.params();
    List<ValType> results = type.results();
    int size = type.slotArraySize();
    GraalWasmValues values = store.values();
    return args -> {
      store.enterHost();
      Object result;
      try {
        long[] slots = new long[size];
        int s = 0;
        for (int i = 0; i < params.size(); i++) {
          s = values.fromGuest(params.get(i), args[i]).toSlots(slots, s);
        }
        fn.call(caller, slots);
        Object[] guest = new Object[results.size()];
        s = 0;
        for (int i = 0; i < guest.length; i++) {
          ValType t = results.get(i);
          guest[i] = values.toGuestUnchecked(t, Value.fromSlots(t, slots, s));
          s += t == VecType.V128 ? 2 : 1;
        }
        result = pack(guest);
      } catch (Throwable t) {
        store.exitHost(); // the host function's failure ends the call anyway
        throw new HostFailure(name, t);
      }
      return backToWasm(store, name, result);
    };
  }

  private static boolean numbersOnly(List<ValType> types) {
    return types.stream().allMatch(t -> t instanceof NumType);
  }

  /**
   * A raw host function whose type holds numbers only: guest values go straight to slots and back,
   * with no {@link Value} made on the way (f32 bits zero-extended, as the slot encoding says).
   */
  private static ProxyExecutable adaptRawNumbers(
      GraalWasmStore<?> store,
      String name,
      FuncType type,
      RawHostFunction<Object> fn,
      Caller<Object> caller) {
    NumType[] params = type.params().toArray(new NumType[0]);
    NumType[] results = type.results().toArray(new NumType[0]);
    int size = type.slotArraySize();
    return args -> {
      store.enterHost();
      Object result;
      try {
        long[] slots = new long[size];
        for (int i = 0; i < params.length; i++) {
          org.graalvm.polyglot.Value g = args[i];
          slots[i] =
              switch (params[i]) {
                case I32 -> g.asInt();
                case I64 -> g.asLong();
                case F32 -> Float.floatToRawIntBits(g.asFloat()) & 0xFFFF_FFFFL;
                case F64 -> Double.doubleToRawLongBits(g.asDouble());
              };
        }
        fn.call(caller, slots);
        if (results.length == 1) {
          result = toGuest(results[0], slots[0]);
        } else {
          Object[] guest = new Object[results.length];
          for (int i = 0; i < guest.length; i++) {
            guest[i] = toGuest(results[i], slots[i]);
          }
          result = pack(guest);
        }
      } catch (Throwable t) {
        store.exitHost(); // the host function's failure ends the call anyway
        throw new HostFailure(name, t);
      }
      return backToWasm(store, name, result);
    };
  }

  private static Object toGuest(NumType t, long slot) {
    return switch (t) {
      case I32 -> (int) slot;
      case I64 -> slot;
      case F32 -> Float.intBitsToFloat((int) slot);
      case F64 -> Double.longBitsToDouble(slot);
    };
  }

  /**
   * Returns {@code result} to wasm, unless a stop came while the host function ran: {@code
   * Context.interrupt} cannot come from this thread, and a timer raising it later could miss a
   * guest that goes straight back into a blocking host function, so the stop is thrown here and
   * ends the call as interrupted.
   */
  private static Object backToWasm(GraalWasmStore<?> store, String name, Object result) {
    if (store.exitHost()) {
      throw new StopOnReturn(name);
    }
    return result;
  }

  private static Object pack(Object[] results) {
    return switch (results.length) {
      case 0 -> null;
      case 1 -> results[0];
      default -> ProxyArray.fromArray(results);
    };
  }
}
