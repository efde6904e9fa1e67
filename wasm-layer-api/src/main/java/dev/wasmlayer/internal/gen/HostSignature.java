package dev.wasmlayer.internal.gen;

import dev.wasmlayer.ArrayRef;
import dev.wasmlayer.Caller;
import dev.wasmlayer.ExnRef;
import dev.wasmlayer.Func;
import dev.wasmlayer.I31Ref;
import dev.wasmlayer.StructRef;
import dev.wasmlayer.Value;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.NumType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.ValType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The wasm type of a Java method used as a host function, checked when it is bound: {@code
 * int/long/float/double} are i32/i64/f32/f64, {@link Func} is funcref, any other object externref;
 * an optional {@link Caller} comes first; several results come back as a record (one component per
 * result) or a primitive array of a declared length.
 */
final class HostSignature {
  final String what;
  final boolean callerFirst;
  final List<Class<?>> params;
  final Class<?> returnType;

  /** Per result, a handle {@code (returnType) -> component}; empty for void. */
  final List<MethodHandle> results;

  final FuncType type;

  private HostSignature(
      String what,
      boolean callerFirst,
      List<Class<?>> params,
      Class<?> returnType,
      List<MethodHandle> results,
      FuncType type) {
    this.what = what;
    this.callerFirst = callerFirst;
    this.params = params;
    this.returnType = returnType;
    this.results = results;
    this.type = type;
  }

  /**
   * @param what names the method in errors
   * @param resultCount the length of an array result, or -1 when none is declared
   * @param lookup the application's lookup for a result record wasm-layer cannot reach by itself;
   *     null for none
   * @throws IllegalArgumentException naming {@code what} and the offending type
   */
  static HostSignature of(
      String what, MethodType method, int resultCount, MethodHandles.Lookup lookup) {
    List<Class<?>> params = new ArrayList<>(method.parameterList());
    boolean callerFirst = !params.isEmpty() && params.get(0) == Caller.class;
    if (callerFirst) {
      params.remove(0);
    }
    List<ValType> paramTypes = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      Class<?> p = params.get(i);
      if (p == Caller.class) {
        throw new IllegalArgumentException(what + ": a Caller parameter must come first");
      }
      paramTypes.add(valType(what, "parameter " + (i + 1), p));
    }
    Class<?> r = method.returnType();
    List<MethodHandle> results = new ArrayList<>();
    List<ValType> resultTypes = new ArrayList<>();
    if (resultCount >= 0 && !(r.isArray() && r.getComponentType().isPrimitive())) {
      throw new IllegalArgumentException(
          what
              + ": a result count is declared but the method returns "
              + r.getSimpleName()
              + ", not an int[], long[], float[] or double[]");
    }
    if (r == void.class) {
      // no results
    } else if (r.isRecord() && r != I31Ref.class) { // an I31Ref is one value, not several
      for (RecordComponent c : r.getRecordComponents()) {
        resultTypes.add(valType(what, "result component " + c.getName(), c.getType()));
        results.add(
            Access.reach(
                c.getDeclaringRecord(),
                lookup,
                what + ": the result record's accessor " + c.getName(),
                l -> l.unreflect(c.getAccessor())));
      }
    } else if (r.isArray() && r.getComponentType().isPrimitive()) {
      if (resultCount < 0) {
        throw new IllegalArgumentException(
            what
                + " returns "
                + r.getSimpleName()
                + ": declare how many results it holds (@WasmImport(results = n)) or return a record");
      }
      ValType t = valType(what, "result element", r.getComponentType());
      // (array) -> array, failing unless the length is the declared one
      MethodHandle check =
          MethodHandles.filterArguments(
              MethodHandles.insertArguments(CHECK_LENGTH, 1, resultCount, what),
              0,
              MethodHandles.arrayLength(r));
      MethodHandle checked = MethodHandles.foldArguments(MethodHandles.identity(r), check);
      for (int k = 0; k < resultCount; k++) {
        resultTypes.add(t);
        MethodHandle element =
            MethodHandles.insertArguments(MethodHandles.arrayElementGetter(r), 1, k);
        results.add(k == 0 ? MethodHandles.filterReturnValue(checked, element) : element);
      }
    } else {
      resultTypes.add(valType(what, "result", r));
      results.add(MethodHandles.identity(r));
    }
    return new HostSignature(
        what,
        callerFirst,
        List.copyOf(params),
        r,
        List.copyOf(results),
        FuncType.of(paramTypes, resultTypes));
  }

  /** True when every parameter and result has a raw slot form (the allocation-free path). */
  boolean numbersOnly() {
    for (ValType t : type.params()) {
      if (!(t instanceof NumType)) {
        return false;
      }
    }
    for (ValType t : type.results()) {
      if (!(t instanceof NumType)) {
        return false;
      }
    }
    return true;
  }

  private static ValType valType(String what, String position, Class<?> c) {
    if (c == int.class) {
      return NumType.I32;
    }
    if (c == long.class) {
      return NumType.I64;
    }
    if (c == float.class) {
      return NumType.F32;
    }
    if (c == double.class) {
      return NumType.F64;
    }
    if (c == Func.class) {
      return RefType.FUNCREF;
    }
    if (c == StructRef.class) {
      return RefType.STRUCTREF;
    }
    if (c == ArrayRef.class) {
      return RefType.ARRAYREF;
    }
    if (c == I31Ref.class) {
      return RefType.I31REF;
    }
    if (c == ExnRef.class) {
      return RefType.EXNREF;
    }
    if (c.isPrimitive() || c == Value.class || c == Caller.class || c == void.class) {
      throw new IllegalArgumentException(
          what
              + ": "
              + position
              + " has type "
              + c.getSimpleName()
              + ", which has no WebAssembly type (use int, long, float, double, Func, StructRef, ArrayRef, I31Ref, ExnRef or an object for externref)");
    }
    return RefType.EXTERNREF;
  }

  private static final MethodHandle CHECK_LENGTH;

  static {
    try {
      CHECK_LENGTH =
          MethodHandles.lookup()
              .findStatic(
                  HostSignature.class,
                  "checkLength",
                  MethodType.methodType(void.class, int.class, int.class, String.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static void checkLength(int length, int expected, String what) {
    if (length != expected) {
      throw new IllegalStateException(
          what + " returned " + length + " results, declared " + expected);
    }
  }
}
