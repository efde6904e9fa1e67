package dev.wasmlayer.wat;

import java.util.HashMap;
import java.util.Map;

/**
 * Every plain instruction the assembler knows, by name: its encoding and the kind of its
 * immediates.
 */
final class Opcodes {
  /** What follows an instruction's name in the text and its opcode in the binary. */
  enum Imm {
    NONE,
    TYPE,
    BLOCK,
    LABEL,
    BR_TABLE,
    FUNC,
    CALL_INDIRECT,
    LOCAL,
    GLOBAL,
    TABLE,
    TABLE_COPY,
    TABLE_INIT,
    ELEM,
    MEMARG,
    MEMORY,
    MEMORY_COPY,
    MEMORY_INIT,
    DATA,
    I32,
    I64,
    F32,
    F64,
    V128,
    SELECT,
    REF_NULL,
    LANE,
    SHUFFLE,
    MEMARG_LANE,
    /** A struct type and one of its fields. */
    FIELD,
    /** An array type and an element count ({@code array.new_fixed}). */
    TYPE_FIXED,
    /** An array type and a data segment. */
    TYPE_DATA,
    /** An array type and an element segment. */
    TYPE_ELEM,
    /** Two array types ({@code array.copy}). */
    TYPE_TYPE,
    /**
     * A reference type; a nullable one takes the next opcode ({@code ref.test}, {@code ref.cast}).
     */
    CAST,
    /** An exception tag. */
    TAG
  }

  /**
   * One instruction: {@code prefix} 0 for single-byte opcodes, else 0xFC or 0xFD with {@code code}
   * as a LEB; {@code align} is log2 of the natural alignment of a memory access.
   */
  record Op(int prefix, int code, Imm imm, int align) {}

  private static final Map<String, Op> OPS = new HashMap<>();

  private Opcodes() {}

  static Op find(String name) {
    return OPS.get(name);
  }

  /**
   * Instructions the assembler does not take (GC branch casts, legacy exception handling), for a
   * clear error.
   */
  static boolean unsupported(String name) {
    return name.startsWith("br_on_cast")
        || name.equals("try")
        || name.equals("catch")
        || name.equals("catch_all")
        || name.equals("delegate")
        || name.equals("rethrow");
  }

  private static void op(String name, int code, Imm imm) {
    OPS.put(name, new Op(0, code, imm, 0));
  }

  private static void mem(String name, int code, int align) {
    OPS.put(name, new Op(0, code, Imm.MEMARG, align));
  }

  private static void fc(String name, int code, Imm imm) {
    OPS.put(name, new Op(0xFC, code, imm, 0));
  }

  private static void gc(String name, int code, Imm imm) {
    OPS.put(name, new Op(0xFB, code, imm, 0));
  }

  /** Names in opcode order from {@code first}. */
  private static void run(int first, String names) {
    int code = first;
    for (String n : names.trim().split("\\s+")) {
      op(n, code++, Imm.NONE);
    }
  }

  static {
    op("unreachable", 0x00, Imm.NONE);
    op("nop", 0x01, Imm.NONE);
    op("block", 0x02, Imm.BLOCK);
    op("loop", 0x03, Imm.BLOCK);
    op("if", 0x04, Imm.BLOCK);
    op("br", 0x0c, Imm.LABEL);
    op("br_if", 0x0d, Imm.LABEL);
    op("br_table", 0x0e, Imm.BR_TABLE);
    op("return", 0x0f, Imm.NONE);
    op("call", 0x10, Imm.FUNC);
    op("call_indirect", 0x11, Imm.CALL_INDIRECT);
    op("return_call", 0x12, Imm.FUNC);
    op("return_call_indirect", 0x13, Imm.CALL_INDIRECT);
    op("drop", 0x1a, Imm.NONE);
    op("select", 0x1b, Imm.SELECT);
    op("local.get", 0x20, Imm.LOCAL);
    op("local.set", 0x21, Imm.LOCAL);
    op("local.tee", 0x22, Imm.LOCAL);
    op("global.get", 0x23, Imm.GLOBAL);
    op("global.set", 0x24, Imm.GLOBAL);
    op("table.get", 0x25, Imm.TABLE);
    op("table.set", 0x26, Imm.TABLE);
    mem("i32.load", 0x28, 2);
    mem("i64.load", 0x29, 3);
    mem("f32.load", 0x2a, 2);
    mem("f64.load", 0x2b, 3);
    mem("i32.load8_s", 0x2c, 0);
    mem("i32.load8_u", 0x2d, 0);
    mem("i32.load16_s", 0x2e, 1);
    mem("i32.load16_u", 0x2f, 1);
    mem("i64.load8_s", 0x30, 0);
    mem("i64.load8_u", 0x31, 0);
    mem("i64.load16_s", 0x32, 1);
    mem("i64.load16_u", 0x33, 1);
    mem("i64.load32_s", 0x34, 2);
    mem("i64.load32_u", 0x35, 2);
    mem("i32.store", 0x36, 2);
    mem("i64.store", 0x37, 3);
    mem("f32.store", 0x38, 2);
    mem("f64.store", 0x39, 3);
    mem("i32.store8", 0x3a, 0);
    mem("i32.store16", 0x3b, 1);
    mem("i64.store8", 0x3c, 0);
    mem("i64.store16", 0x3d, 1);
    mem("i64.store32", 0x3e, 2);
    op("memory.size", 0x3f, Imm.MEMORY);
    op("memory.grow", 0x40, Imm.MEMORY);
    op("i32.const", 0x41, Imm.I32);
    op("i64.const", 0x42, Imm.I64);
    op("f32.const", 0x43, Imm.F32);
    op("f64.const", 0x44, Imm.F64);
    run(
        0x45,
        "i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u"
            + " i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u"
            + " f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.eq f64.ne f64.lt f64.gt f64.le f64.ge"
            + " i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u i32.and"
            + " i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr"
            + " i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u i64.and"
            + " i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr"
            + " f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt f32.add f32.sub f32.mul f32.div"
            + " f32.min f32.max f32.copysign"
            + " f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt f64.add f64.sub f64.mul f64.div"
            + " f64.min f64.max f64.copysign"
            + " i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u i64.extend_i32_s"
            + " i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u f32.convert_i32_s"
            + " f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64 f64.convert_i32_s"
            + " f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32 i32.reinterpret_f32"
            + " i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64"
            + " i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s");
    op("ref.null", 0xd0, Imm.REF_NULL);
    op("ref.is_null", 0xd1, Imm.NONE);
    op("ref.func", 0xd2, Imm.FUNC);
    op("ref.eq", 0xd3, Imm.NONE);
    op("ref.as_non_null", 0xd4, Imm.NONE);
    op("br_on_null", 0xd5, Imm.LABEL);
    op("br_on_non_null", 0xd6, Imm.LABEL);
    op("throw", 0x08, Imm.TAG);
    op("throw_ref", 0x0a, Imm.NONE);
    op("call_ref", 0x14, Imm.TYPE);
    op("return_call_ref", 0x15, Imm.TYPE);
    String[] sat = {
      "i32.trunc_sat_f32_s",
      "i32.trunc_sat_f32_u",
      "i32.trunc_sat_f64_s",
      "i32.trunc_sat_f64_u",
      "i64.trunc_sat_f32_s",
      "i64.trunc_sat_f32_u",
      "i64.trunc_sat_f64_s",
      "i64.trunc_sat_f64_u"
    };
    for (int i = 0; i < sat.length; i++) {
      fc(sat[i], i, Imm.NONE);
    }
    fc("memory.init", 8, Imm.MEMORY_INIT);
    fc("data.drop", 9, Imm.DATA);
    fc("memory.copy", 10, Imm.MEMORY_COPY);
    fc("memory.fill", 11, Imm.MEMORY);
    fc("table.init", 12, Imm.TABLE_INIT);
    fc("elem.drop", 13, Imm.ELEM);
    fc("table.copy", 14, Imm.TABLE_COPY);
    fc("table.grow", 15, Imm.TABLE);
    fc("table.size", 16, Imm.TABLE);
    fc("table.fill", 17, Imm.TABLE);
    gc("struct.new", 0, Imm.TYPE);
    gc("struct.new_default", 1, Imm.TYPE);
    gc("struct.get", 2, Imm.FIELD);
    gc("struct.get_s", 3, Imm.FIELD);
    gc("struct.get_u", 4, Imm.FIELD);
    gc("struct.set", 5, Imm.FIELD);
    gc("array.new", 6, Imm.TYPE);
    gc("array.new_default", 7, Imm.TYPE);
    gc("array.new_fixed", 8, Imm.TYPE_FIXED);
    gc("array.new_data", 9, Imm.TYPE_DATA);
    gc("array.new_elem", 10, Imm.TYPE_ELEM);
    gc("array.get", 11, Imm.TYPE);
    gc("array.get_s", 12, Imm.TYPE);
    gc("array.get_u", 13, Imm.TYPE);
    gc("array.set", 14, Imm.TYPE);
    gc("array.len", 15, Imm.NONE);
    gc("array.fill", 16, Imm.TYPE);
    gc("array.copy", 17, Imm.TYPE_TYPE);
    gc("array.init_data", 18, Imm.TYPE_DATA);
    gc("array.init_elem", 19, Imm.TYPE_ELEM);
    gc("ref.test", 20, Imm.CAST);
    gc("ref.cast", 22, Imm.CAST);
    gc("any.convert_extern", 26, Imm.NONE);
    gc("extern.convert_any", 27, Imm.NONE);
    gc("ref.i31", 28, Imm.NONE);
    gc("i31.get_s", 29, Imm.NONE);
    gc("i31.get_u", 30, Imm.NONE);
    String[] simd = SimdOpcodes.TABLE.trim().split(" ");
    for (int i = 0; i < simd.length; i += 2) {
      String name = simd[i];
      OPS.put(name, new Op(0xFD, Integer.parseInt(simd[i + 1]), simdImm(name), simdAlign(name)));
    }
  }

  private static Imm simdImm(String name) {
    if (name.equals("v128.const")) {
      return Imm.V128;
    }
    if (name.equals("i8x16.shuffle")) {
      return Imm.SHUFFLE;
    }
    if (name.startsWith("v128.load") || name.startsWith("v128.store")) {
      return name.endsWith("_lane") ? Imm.MEMARG_LANE : Imm.MEMARG;
    }
    if (name.contains("extract_lane") || name.contains("replace_lane")) {
      return Imm.LANE;
    }
    return Imm.NONE;
  }

  /** Natural alignment of a SIMD memory access, from the bytes it touches. */
  private static int simdAlign(String name) {
    if (!name.startsWith("v128.load") && !name.startsWith("v128.store")) {
      return 0;
    }
    if (name.equals("v128.load") || name.equals("v128.store")) {
      return 4;
    }
    if (name.matches("v128\\.load\\d+x\\d+_[su]")) {
      return 3;
    }
    int bits = Integer.parseInt(name.replaceAll("v128\\.(load|store)(\\d+)_.*", "$2"));
    return Integer.numberOfTrailingZeros(bits / 8);
  }
}
