package dev.wasmlayer.spi.support.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites code for {@link GrowCounting}: every {@code memory.grow} and {@code table.grow} first
 * compares the delta with what is left in the store's budget global and yields -1 without growing
 * when it does not fit; a growth that succeeds takes its size from the global. Global indices at or
 * above the first budget global move up by two (the budget globals are imports, so they come before
 * every defined global).
 */
final class GrowCode {
  private static final int LOCAL_GET = 0x20;
  private static final int LOCAL_SET = 0x21;
  private static final int LOCAL_TEE = 0x22;
  private static final int I32 = 0x7F;
  private static final int I64 = 0x7E;

  private final ModuleLayout layout;

  /** The memory budget global's index; the table budget's is one more. */
  private final int memoryBudget;

  private final int tableBudget;

  /** Re-reads an immediate; one per rewrite, which runs on one thread. */
  private final ByteReader immediate;

  GrowCode(ModuleLayout layout) {
    this.layout = layout;
    this.memoryBudget = layout.importedGlobals;
    this.tableBudget = layout.importedGlobals + 1;
    this.immediate = new ByteReader(layout.b, 0);
  }

  /**
   * The defined functions (0 is the first one the code section holds) that have an instruction to
   * count.
   */
  BitSet growing(ByteReader.Section code) {
    BitSet out = new BitSet();
    ByteReader r = new ByteReader(layout.b, code.payload());
    for (int n = r.u32(), i = 0; i < n; i++) {
      int size = r.u32();
      int end = r.pos + size;
      for (int c = r.u32(), j = 0; j < c; j++) {
        r.leb();
        ModuleLayout.valType(r);
      }
      while (r.pos < end) {
        int op = Instructions.next(r);
        if (op == Instructions.MEMORY_GROW || op == Instructions.TABLE_GROW) {
          out.set(i);
          break;
        }
      }
      r.pos = end;
    }
    return out;
  }

  /**
   * A constant expression from {@code r}'s position, with global indices moved; {@code r} ends past
   * it.
   */
  void constExpr(ByteReader r, ByteSink out) {
    int copied = r.pos;
    while (true) {
      int at = r.pos;
      int op = Instructions.next(r);
      if (op == Instructions.GLOBAL_GET) {
        out.copy(layout.b, copied, at);
        global(op, at, out);
        copied = r.pos;
      } else if (op == Instructions.END) {
        out.copy(layout.b, copied, r.pos);
        return;
      }
    }
  }

  /** A global index as moved. */
  int global(int index) {
    return index >= memoryBudget ? index + 2 : index;
  }

  private void global(int op, int at, ByteSink out) {
    immediate.pos = at + 1;
    out.u8(op).u64(global(immediate.u32()));
  }

  /**
   * Writes the function body in {@code [from, to)} (locals, then code) of a function with {@code
   * params} parameters, with global indices moved and, if it {@code grows}, its growth counted.
   */
  void body(int from, int to, int params, boolean grows, ByteSink out) {
    byte[] b = layout.b;
    ByteReader r = new ByteReader(b, from);
    int declared = r.u32();
    int declsFrom = r.pos;
    long locals = params;
    for (int i = 0; i < declared; i++) {
      locals += r.u64();
      ModuleLayout.valType(r);
    }
    int declsTo = r.pos;
    Locals added = new Locals(locals);
    if (grows) { // the added locals are declared before the code that uses them: find them first
      rewrite(declsTo, to, added, new ByteSink());
    }
    out.u64(declared + added.types().size()).copy(b, declsFrom, declsTo);
    for (byte[] type : added.types()) {
      out.u64(1).bytes(type);
    }
    rewrite(declsTo, to, added, out);
  }

  /**
   * The code in {@code [from, to)}, rewritten; the locals it adds are taken from {@code added} in
   * order.
   */
  private void rewrite(int from, int to, Locals added, ByteSink out) {
    byte[] b = layout.b;
    ByteReader r = new ByteReader(b, from);
    int copied = r.pos;
    while (r.pos < to) {
      int at = r.pos;
      int op = Instructions.next(r);
      if (op == Instructions.GLOBAL_GET || op == Instructions.GLOBAL_SET) {
        out.copy(b, copied, at);
        global(op, at, out);
      } else if (op == Instructions.MEMORY_GROW) {
        out.copy(b, copied, at);
        memoryGrow(new ByteReader(b, at + 1).u32(), added, out);
      } else if (op == Instructions.TABLE_GROW) {
        out.copy(b, copied, at);
        ByteReader imm = new ByteReader(b, at + 1);
        imm.u32(); // the 0xFC sub-opcode
        tableGrow(imm.u32(), added, out);
      } else {
        continue;
      }
      copied = r.pos;
    }
    out.copy(b, copied, to);
  }

  /**
   * {@code [delta] -> [old or -1]}: refused when the delta in pages exceeds the bytes left shifted
   * down to pages; after a successful grow the bytes are taken from the budget.
   */
  private void memoryGrow(int memory, Locals locals, ByteSink out) {
    ModuleLayout.Mem m = layout.memories.get(memory);
    int t = m.is64() ? I64 : I32;
    long d = locals.get(m.is64() ? "delta64" : "delta32", t);
    long old = locals.get(m.is64() ? "old64" : "old32", t);
    int log2 = m.pageSizeLog2();
    out.u8(LOCAL_TEE).u64(d);
    if (!m.is64()) {
      out.u8(0xAD); // i64.extend_i32_u
    }
    out.u8(0x23)
        .u64(memoryBudget)
        .u8(0x42)
        .s7(log2)
        .ops(0x88, 0x56); // budget >> log2; delta >u pages left
    out.ops(0x04, t).u8(constOp(t)).s7(-1).u8(0x05); // if (result t) -1 else
    out.u8(LOCAL_GET).u64(d).u8(0x40).u64(memory).u8(LOCAL_TEE).u64(old);
    out.u8(constOp(t)).s7(-1).u8(t == I64 ? 0x52 : 0x47).ops(0x04, 0x40); // if old != -1
    out.u8(0x23).u64(memoryBudget).u8(LOCAL_GET).u64(d);
    if (!m.is64()) {
      out.u8(0xAD);
    }
    out.u8(0x42).s7(log2).ops(0x86, 0x7D).u8(0x24).u64(memoryBudget); // budget -= delta << log2
    out.u8(0x0B).u8(LOCAL_GET).u64(old).u8(0x0B);
  }

  /** {@code [init, delta] -> [old or -1]}, like {@link #memoryGrow} with elements. */
  private void tableGrow(int table, Locals locals, ByteSink out) {
    ModuleLayout.Tab tab = layout.tables.get(table);
    int t = tab.is64() ? I64 : I32;
    long d = locals.get(tab.is64() ? "delta64" : "delta32", t);
    long old = locals.get(tab.is64() ? "old64" : "old32", t);
    long init = locals.get(tab.elementType());
    out.u8(LOCAL_SET).u64(d).u8(LOCAL_SET).u64(init).u8(LOCAL_GET).u64(d);
    if (!tab.is64()) {
      out.u8(0xAD);
    }
    out.u8(0x23).u64(tableBudget).u8(0x56).ops(0x04, t).u8(constOp(t)).s7(-1).u8(0x05);
    out.u8(LOCAL_GET)
        .u64(init)
        .u8(LOCAL_GET)
        .u64(d)
        .ops(0xFC, 0x0F)
        .u64(table)
        .u8(LOCAL_TEE)
        .u64(old);
    out.u8(constOp(t)).s7(-1).u8(t == I64 ? 0x52 : 0x47).ops(0x04, 0x40);
    out.u8(0x23).u64(tableBudget).u8(LOCAL_GET).u64(d);
    if (!tab.is64()) {
      out.u8(0xAD);
    }
    out.u8(0x7D).u8(0x24).u64(tableBudget).u8(0x0B).u8(LOCAL_GET).u64(old).u8(0x0B);
  }

  private static int constOp(int type) {
    return type == I64 ? 0x42 : 0x41;
  }

  /**
   * The locals one function needs, appended after its own, one of each kind at most; made on first
   * use.
   */
  private static final class Locals {
    private static final List<byte[]> NONE = List.of();
    private final long first;
    private Map<String, Long> byKey;
    private List<byte[]> types = NONE;

    Locals(long first) {
      this.first = first;
    }

    long get(String key, int type) {
      return get(key, new byte[] {(byte) type});
    }

    long get(byte[] refType) {
      return get("ref" + Arrays.toString(refType), refType);
    }

    private long get(String key, byte[] type) {
      if (byKey == null) {
        byKey = new HashMap<>();
        types = new ArrayList<>();
      }
      return byKey.computeIfAbsent(
          key,
          k -> {
            types.add(type);
            return first + types.size() - 1;
          });
    }

    List<byte[]> types() {
      return types;
    }
  }
}
