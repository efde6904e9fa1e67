package dev.wasmlayer.graalwasm;

import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads GraalWasm's type strings such as {@code 2(i32 i64)f32 externref} (type index, parameters,
 * results).
 */
final class FuncTypes {
  private FuncTypes() {}

  static FuncType parse(String s) {
    int open = s.indexOf('(');
    int close = s.indexOf(')', open);
    if (open < 0 || close < 0) {
      throw new IllegalStateException("cannot read GraalWasm's function type '" + s + "'");
    }
    return FuncType.of(types(s.substring(open + 1, close), s), types(s.substring(close + 1), s));
  }

  private static List<ValType> types(String list, String whole) {
    List<ValType> out = new ArrayList<>();
    for (String t : list.trim().split("\\s+")) {
      if (!t.isEmpty()) {
        out.add(
            switch (t) {
              case "i32" -> ValType.I32;
              case "i64" -> ValType.I64;
              case "f32" -> ValType.F32;
              case "f64" -> ValType.F64;
              case "v128" -> ValType.V128;
              case "funcref", "anyfunc" -> ValType.FUNCREF;
              case "externref" -> ValType.EXTERNREF;
              default ->
                  throw new IllegalStateException(
                      "unknown value type '" + t + "' in GraalWasm's type '" + whole + "'");
            });
      }
    }
    return out;
  }
}
