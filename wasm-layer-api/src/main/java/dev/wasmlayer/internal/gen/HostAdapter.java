package dev.wasmlayer.internal.gen;

import dev.wasmlayer.Caller;
import dev.wasmlayer.HostFunction;
import dev.wasmlayer.Imports;
import dev.wasmlayer.RawHostFunction;
import dev.wasmlayer.Value;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * Turns a method handle and its {@link HostSignature} into a host function. Numbers-only signatures
 * become a {@link RawHostFunction} on slots (no allocation); signatures with references a {@link
 * HostFunction} on {@link Value}s, the form engines deliver references in.
 */
final class HostAdapter {
  private HostAdapter() {}

  static Imports.Binding bind(HostSignature sig, MethodHandle target) {
    MethodHandle withCaller =
        sig.callerFirst ? target : MethodHandles.dropArguments(target, 0, Caller.class);
    return sig.numbersOnly()
        ? new Imports.RawHostFunc(
            sig.type, Adapters.implement(RawHostFunction.class, raw(sig, withCaller), null, "bind"))
        : new Imports.HostFunc(
            sig.type, Adapters.implement(HostFunction.class, boxed(sig, withCaller), null, "bind"));
  }

  /** {@code (Caller, long[]) -> void}. */
  private static MethodHandle raw(HostSignature sig, MethodHandle target) {
    MethodHandle call = spreadArguments(target, long[].class, sig, true); // (Caller, long[]) -> R
    if (sig.results.isEmpty()) {
      return call;
    }
    MethodHandle store = null; // (long[], R) -> void
    for (int k = 0; k < sig.results.size(); k++) {
      MethodHandle component = sig.results.get(k);
      MethodHandle put = Slots.putter(component.type().returnType(), k);
      MethodHandle one = MethodHandles.collectArguments(put, 1, component);
      store = store == null ? one : MethodHandles.foldArguments(one, store);
    }
    MethodHandle all =
        MethodHandles.collectArguments(store, 1, call); // (long[], Caller, long[]) -> void
    return MethodHandles.permuteArguments(
        all, MethodType.methodType(void.class, Caller.class, long[].class), 1, 0, 1);
  }

  /** {@code (Caller, Value[]) -> Value[]}. */
  private static MethodHandle boxed(HostSignature sig, MethodHandle target) {
    MethodHandle call =
        spreadArguments(target, Value[].class, sig, false); // (Caller, Value[]) -> R
    if (sig.results.isEmpty()) {
      return MethodHandles.filterReturnValue(
          call, MethodHandles.constant(Value[].class, Value.NONE));
    }
    List<MethodHandle> components = sig.results;
    int n = components.size();
    MethodHandle collect = MethodHandles.identity(Value[].class).asCollector(Value[].class, n);
    MethodHandle[] makers = new MethodHandle[n];
    for (int k = 0; k < n; k++) {
      MethodHandle c = components.get(k);
      makers[k] = MethodHandles.filterReturnValue(c, Values.maker(c.type().returnType()));
    }
    MethodHandle fromResult =
        MethodHandles.permuteArguments(
            MethodHandles.filterArguments(collect, 0, makers),
            MethodType.methodType(Value[].class, sig.returnType),
            new int[n]);
    return MethodHandles.filterReturnValue(call, fromResult);
  }

  /**
   * {@code (Caller, p1..pn) -> R} to {@code (Caller, S) -> R}, each parameter read from the one
   * source array.
   */
  private static MethodHandle spreadArguments(
      MethodHandle target, Class<?> source, HostSignature sig, boolean raw) {
    int n = sig.params.size();
    if (n == 0) {
      return MethodHandles.dropArguments(target, 1, source);
    }
    MethodHandle[] getters = new MethodHandle[n];
    for (int i = 0; i < n; i++) {
      getters[i] = raw ? Slots.getter(sig.params.get(i), i) : Values.getter(sig.params.get(i), i);
    }
    MethodHandle filtered =
        MethodHandles.filterArguments(target, 1, getters); // (Caller, S, S, ...) -> R
    int[] reorder = new int[n + 1];
    for (int i = 1; i <= n; i++) {
      reorder[i] = 1;
    }
    return MethodHandles.permuteArguments(
        filtered, MethodType.methodType(target.type().returnType(), Caller.class, source), reorder);
  }
}
