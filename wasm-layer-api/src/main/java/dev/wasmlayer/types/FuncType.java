package dev.wasmlayer.types;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A function signature.
 *
 * @param params parameter types
 * @param results result types (several with multi-value)
 */
public record FuncType(List<ValType> params, List<ValType> results) implements ExternType {
  /** Copies the lists so the type stays immutable. */
  public FuncType {
    params = List.copyOf(Objects.requireNonNull(params, "params"));
    results = List.copyOf(Objects.requireNonNull(results, "results"));
  }

  /**
   * {@return a function type from lists}
   *
   * @param params the parameter types
   * @param results the result types
   */
  public static FuncType of(List<? extends ValType> params, List<? extends ValType> results) {
    return new FuncType(List.copyOf(params), List.copyOf(results));
  }

  /**
   * {@return a function type that takes {@code params} and returns nothing}
   *
   * @param params the parameter types
   */
  public static FuncType ofParams(ValType... params) {
    return new FuncType(List.of(params), List.of());
  }

  /**
   * {@return a function type {@code [param] -> [result]}}
   *
   * @param param the one parameter type
   * @param result the one result type
   */
  public static FuncType of(ValType param, ValType result) {
    return new FuncType(List.of(param), List.of(result));
  }

  /** {@return the slots the parameters take on the raw path ({@code v128} takes two)} */
  public int paramSlots() {
    return slots(params);
  }

  /** {@return the slots the results take on the raw path} */
  public int resultSlots() {
    return slots(results);
  }

  /**
   * {@return the size a raw slot array must have for calls of this type: {@code max(paramSlots,
   * resultSlots)}}
   */
  public int slotArraySize() {
    return Math.max(paramSlots(), resultSlots());
  }

  private static int slots(List<ValType> types) {
    int n = 0;
    for (ValType t : types) {
      n += t.slots();
    }
    return n;
  }

  @Override
  public ExternKind kind() {
    return ExternKind.FUNC;
  }

  @Override
  public String toString() {
    return "(func (param " + join(params) + ") (result " + join(results) + "))";
  }

  private static String join(List<ValType> types) {
    return types.stream().map(ValType::text).collect(Collectors.joining(" "));
  }
}
