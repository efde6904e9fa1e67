package dev.wasmlayer.internal.gen;

import dev.wasmlayer.Func;
import dev.wasmlayer.I31Ref;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.HeapType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.ValType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * A function seen through any functional interface whose signature maps to its type, by the rules
 * of host bindings: numbers-only signatures call {@link Func#callRaw} with one slot array per call,
 * others {@link Func#call}. The interface's method becomes a hidden class calling a constant method
 * handle, so nothing is looked up per call.
 */
public final class FuncViews {
  private FuncViews() {}

  /**
   * @param lookup the application's lookup, for views and records in packages wasm-layer cannot
   *     reach; null for none
   * @throws IllegalArgumentException if the view is not a public functional interface, its
   *     signature is not the function's type, or it is out of reach (naming the fix)
   */
  public static <T> T create(Func f, Class<T> view, MethodHandles.Lookup lookup) {
    Method sam = Adapters.singleAbstractMethod(view);
    String what = view.getSimpleName() + "." + sam.getName();
    MethodType mt = MethodType.methodType(sam.getReturnType(), sam.getParameterTypes());
    Class<?> r = mt.returnType();
    int declared =
        r.isArray() && r.getComponentType().isPrimitive() ? f.type().results().size() : -1;
    HostSignature sig = HostSignature.of(what, mt, declared, lookup);
    if (sig.callerFirst) {
      throw new IllegalArgumentException(what + ": a view has no Caller parameter");
    }
    if (!fits(sig.type, f.type())) {
      throw new IllegalArgumentException(
          what + " has the wasm type " + sig.type + ", but the function is " + f.type());
    }
    MethodHandle target = sig.numbersOnly() ? raw(f, sig, lookup) : boxed(f, sig, lookup);
    return Adapters.implement(view, target, lookup, "Func.typed(Class, Lookup)");
  }

  /**
   * The view's type is the function's, except that a nullable reference type may stand for the
   * non-null one and an abstract one for a concrete one ({@code StructRef} for {@code (ref
   * $point)}): each value is checked at the call.
   */
  private static boolean fits(FuncType view, FuncType func) {
    return fits(view.params(), func.params()) && fits(view.results(), func.results());
  }

  private static boolean fits(List<ValType> view, List<ValType> func) {
    if (view.size() != func.size()) {
      return false;
    }
    for (int i = 0; i < view.size(); i++) {
      ValType v = view.get(i);
      ValType t = func.get(i);
      boolean refFits =
          v instanceof RefType vr
              && t instanceof RefType tr
              && (tr.heapType().kind() == HeapType.Kind.CONCRETE
                  || vr.heapType().equals(tr.heapType())); // a null is refused at the call
      if (!refFits && !v.equals(t)) {
        return false;
      }
    }
    return true;
  }

  private static MethodHandle raw(Func f, HostSignature sig, MethodHandles.Lookup lookup) {
    MethodHandle callRaw =
        virtual("callRaw", MethodType.methodType(void.class, long[].class)).bindTo(f);
    int n = sig.params.size();
    MethodHandle reader = resultFrom(sig, long[].class, true, lookup);
    MethodHandle h =
        reader == null ? callRaw : MethodHandles.foldArguments(reader, callRaw); // (long[]) -> R
    h = MethodHandles.dropArguments(h, 1, sig.params); // (long[], p1..pn) -> R
    for (int i = 0; i < n; i++) {
      MethodHandle put = Slots.putter(sig.params.get(i), i); // (long[], pi) -> void
      put = MethodHandles.dropArguments(put, 2, sig.params.subList(i + 1, n));
      put = MethodHandles.dropArguments(put, 1, sig.params.subList(0, i));
      h = MethodHandles.foldArguments(h, put);
    }
    MethodHandle slots =
        MethodHandles.insertArguments(
            MethodHandles.arrayConstructor(long[].class), 0, Math.max(1, f.type().slotArraySize()));
    return MethodHandles.foldArguments(h, slots); // (p1..pn) -> R
  }

  private static MethodHandle boxed(Func f, HostSignature sig, MethodHandles.Lookup lookup) {
    MethodHandle call =
        virtual("call", MethodType.methodType(Value[].class, Value[].class))
            .bindTo(f)
            .asFixedArity();
    int n = sig.params.size();
    MethodHandle[] makers = new MethodHandle[n];
    for (int i = 0; i < n; i++) {
      makers[i] = Values.maker(sig.params.get(i));
    }
    MethodHandle h = MethodHandles.filterArguments(call.asCollector(Value[].class, n), 0, makers);
    MethodHandle reader = resultFrom(sig, Value[].class, false, lookup);
    return MethodHandles.filterReturnValue(
        h,
        reader != null
            ? reader
            : MethodHandles.empty(MethodType.methodType(void.class, Value[].class)));
  }

  /**
   * {@code (source) -> R} building the view's result from the function's results; null for void.
   */
  private static MethodHandle resultFrom(
      HostSignature sig, Class<?> source, boolean raw, MethodHandles.Lookup lookup) {
    Class<?> r = sig.returnType;
    if (r == void.class) {
      return null;
    }
    List<MethodHandle> parts = sig.results;
    MethodHandle build;
    if (r.isRecord() && r != I31Ref.class) {
      build = constructor(r, lookup);
    } else if (r.isArray() && r.getComponentType().isPrimitive()) {
      build = MethodHandles.identity(r).asCollector(r, parts.size());
    } else {
      return raw ? Slots.getter(r, 0) : Values.getter(r, 0);
    }
    MethodHandle[] getters = new MethodHandle[parts.size()];
    for (int k = 0; k < getters.length; k++) {
      Class<?> t = parts.get(k).type().returnType();
      getters[k] = raw ? Slots.getter(t, k) : Values.getter(t, k);
    }
    return MethodHandles.permuteArguments(
        MethodHandles.filterArguments(build, 0, getters),
        MethodType.methodType(r, source),
        new int[getters.length]);
  }

  private static MethodHandle constructor(Class<?> record, MethodHandles.Lookup lookup) {
    RecordComponent[] cs = record.getRecordComponents();
    Class<?>[] types = new Class<?>[cs.length];
    for (int i = 0; i < cs.length; i++) {
      types[i] = cs[i].getType();
    }
    MethodType mt = MethodType.methodType(void.class, types);
    return Access.reach(
        record, lookup, "the result record's constructor", l -> l.findConstructor(record, mt));
  }

  private static MethodHandle virtual(String name, MethodType type) {
    try {
      return MethodHandles.publicLookup().findVirtual(Func.class, name, type);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
