package dev.wasmlayer.chicory;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions Chicory's compiler is told to leave to its interpreter before it starts: those past
 * a JVM method's limits, where compiling costs seconds and then fails. A 1 KiB module of 200
 * functions of 50,000 locals took 113 s to compile (each function failed in turn, and Chicory's
 * fallback compiled the whole module again after each), a br_table of 1,000,000 targets 120 s; with
 * these thresholds they take ~2 s.
 *
 * <p>Thresholds, per function, measured on Chicory 1.7.5 (Temurin 25, this project's build
 * machine):
 *
 * <ul>
 *   <li>{@value #MAX_LOCALS} locals, parameters included. Chicory zeroes every local on entry, ~5
 *       bytes of JVM code each: 13,000 locals still compiled with an empty body, 14,000 exceeded
 *       the JVM's 64 KiB method limit. 200 functions of 12,000 locals compile in ~2 s.
 *   <li>{@value #MAX_BR_TABLE_TARGETS} br_table targets, all of the function's br_tables together.
 *       The compiler spends ~25 µs a target up to ~5,000, then more (16,000: 0.2-0.9 s, 100,000:
 *       5.9 s, 1,000,000: 120 s). The spec suite's largest (br_table.wast, 16,154 targets, alone in
 *       its function) still compiles; 16,384 no longer fits a JVM method, so nothing past the
 *       threshold could compile anyway.
 * </ul>
 *
 * Body size is no threshold: it predicts little (300 KB of nested blocks compile, 140 KB of
 * arithmetic do not) and a failed attempt costs time linear in the body, so such functions are left
 * to {@link ChicoryCompiler}'s bounded retry.
 */
final class Oversized {
  static final int MAX_LOCALS = 12_000;
  static final int MAX_BR_TABLE_TARGETS = 16_384;

  /**
   * A function left to the interpreter: its index in the function index space (imports first) and
   * why.
   */
  record Interpreted(int index, String why) {}

  private Oversized() {}

  /** The module's functions past a threshold, in index order. */
  static List<Interpreted> find(WasmModule module) {
    List<Interpreted> out = new ArrayList<>();
    int imported = module.importSection().count(ExternalType.FUNCTION);
    var types = module.typeSection();
    var functions = module.functionSection();
    var code = module.codeSection();
    for (int i = 0; i < code.functionBodyCount(); i++) {
      FunctionBody body = code.getFunctionBody(i);
      int locals =
          types.getType(functions.getFunctionType(i)).params().size() + body.localTypes().size();
      String why =
          locals > MAX_LOCALS
              ? locals + " locals (limit " + MAX_LOCALS + ")"
              : brTables(body.instructions());
      if (why != null) {
        out.add(new Interpreted(imported + i, why));
      }
    }
    return out;
  }

  /** Why the function's br_tables are too large for the compiler, or null. */
  private static String brTables(List<AnnotatedInstruction> code) {
    long targets = 0;
    for (AnnotatedInstruction insn : code) {
      if (insn.opcode() == OpCode.BR_TABLE) {
        targets += insn.operandCount();
        if (targets > MAX_BR_TABLE_TARGETS) {
          return "more than " + MAX_BR_TABLE_TARGETS + " br_table targets";
        }
      }
    }
    return null;
  }
}
