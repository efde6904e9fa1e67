package dev.wasmlayer.chicory;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmlayer.Feature;
import dev.wasmlayer.UnsupportedFeatureException;
import java.util.List;

/**
 * Rejects, at compile time, parsed modules that use what this backend cannot run: SIMD (Chicory
 * runs it only with its separate {@code simd} module, which needs Java 21 and is not wired here).
 * Without this check such a module would compile and fail at its first SIMD instruction.
 */
final class FeatureScan {
  private static final int SIMD_PREFIX = 0xFD;

  private FeatureScan() {}

  static void rejectUnsupported(WasmModule module) {
    for (FunctionType t : module.typeSection().types()) {
      if (t != null && (hasV128(t.params()) || hasV128(t.returns()))) {
        throw simd("a function type with v128");
      }
    }
    var globals = module.globalSection();
    for (int i = 0; i < globals.globalCount(); i++) {
      if (globals.getGlobal(i).valueType().opcode() == ValType.ID.V128) {
        throw simd("a v128 global");
      }
    }
    var code = module.codeSection();
    for (int f = 0; f < code.functionBodyCount(); f++) {
      FunctionBody body = code.getFunctionBody(f);
      if (hasV128(body.localTypes())) {
        throw simd("a v128 local in function " + f);
      }
      for (Instruction ins : body.instructions()) {
        if (ins.opcode().opcode() >> 8 == SIMD_PREFIX) {
          throw simd("instruction " + ins.opcode() + " in function " + f);
        }
      }
    }
  }

  private static boolean hasV128(List<ValType> types) {
    for (ValType t : types) {
      if (t.opcode() == ValType.ID.V128) {
        return true;
      }
    }
    return false;
  }

  private static UnsupportedFeatureException simd(String where) {
    return new UnsupportedFeatureException(Feature.SIMD, ChicoryEngineProvider.ID, where);
  }
}
