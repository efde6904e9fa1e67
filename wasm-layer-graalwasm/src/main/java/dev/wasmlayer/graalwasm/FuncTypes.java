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
      switch (t) {
        case "":
          break;
        case "i32":
          out.add(ValType.I32);
          break;
        case "i64":
          out.add(ValType.I64);
          break;
        case "f32":
          out.add(ValType.F32);
          break;
        case "f64":
          out.add(ValType.F64);
          break;
        case "v128":
          out.add(ValType.V128);
          break;
        case "funcref":
        case "anyfunc":
          out.add(ValType.FUNCREF);
          break;
        case "externref":
          out.add(ValType.EXTERNREF);
          break;
        default:
          throw new IllegalStateException(
              "unknown value type '" + t + "' in GraalWasm's type '" + whole + "'");
      }
    }
    return out;
  }
}
