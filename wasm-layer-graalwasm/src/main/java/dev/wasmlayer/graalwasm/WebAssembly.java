package dev.wasmlayer.graalwasm;

import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.HeapType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.types.ValType;
import org.graalvm.polyglot.Value;

/**
 * GraalWasm's {@code WebAssembly} bindings object of one Context: the only way to create memories,
 * globals and tables from the host and to read or write globals and tables. Its members are
 * executables (not invocable methods), looked up once. It is GraalWasm's semi-internal interface
 * (the one GraalJS uses), pinned with the GraalWasm version and covered by the TCK.
 */
final class WebAssembly {
  /** Memory maximum for "none": GraalWasm's own "-1" overflows when grown to the 4 GiB limit. */
  static final long MAX_PAGES = 65536;

  private final Value memAlloc;
  private final Value memGrow;
  private final Value globalAlloc;
  private final Value globalRead;
  private final Value globalWrite;
  private final Value tableAlloc;
  private final Value tableRead;
  private final Value tableWrite;
  private final Value tableSize;
  private final Value tableGrow;
  private final Value funcType;
  private final Value refNull;

  WebAssembly(Value wa) {
    if (wa == null || wa.isNull()) {
      throw new IllegalStateException(
          "GraalWasm's WebAssembly object is missing from the Context's bindings");
    }
    memAlloc = wa.getMember("mem_alloc");
    memGrow = wa.getMember("mem_grow");
    globalAlloc = wa.getMember("global_alloc");
    globalRead = wa.getMember("global_read");
    globalWrite = wa.getMember("global_write");
    tableAlloc = wa.getMember("table_alloc");
    tableRead = wa.getMember("table_read");
    tableWrite = wa.getMember("table_write");
    tableSize = wa.getMember("table_size");
    tableGrow = wa.getMember("table_grow");
    funcType = wa.getMember("func_type");
    refNull = wa.getMember("ref_null");
  }

  /** GraalWasm's null reference (a funcref null must be this, not Java null). */
  Value refNull() {
    return refNull;
  }

  Value memAlloc(MemoryType type) {
    return memAlloc.execute((int) type.minimum(), (int) type.maximum().orElse(MAX_PAGES), false);
  }

  /**
   * Grows by {@code delta} pages; the previous size, or -1 when the memory cannot grow that far.
   */
  long memGrow(Value memory, long delta) {
    return memGrow.execute(memory, (int) delta).asLong();
  }

  Value globalAlloc(GlobalType type, Object initial) {
    return globalAlloc.execute(typeName(type.content()), type.mutable(), initial);
  }

  Value globalRead(Value global) {
    return globalRead.execute(global);
  }

  void globalWrite(Value global, Object value) {
    globalWrite.execute(global, value);
  }

  Value tableAlloc(TableType type, Object initial) {
    long max = type.maximum().orElse(-1);
    return tableAlloc.execute(
        (int) type.minimum(),
        (int) Math.min(max, Integer.MAX_VALUE),
        typeName(type.element()),
        initial);
  }

  Value tableRead(Value table, long index) {
    return tableRead.execute(table, (int) index);
  }

  void tableWrite(Value table, long index, Object value) {
    tableWrite.execute(table, (int) index, value);
  }

  long tableSize(Value table) {
    return tableSize.execute(table).asLong();
  }

  long tableGrow(Value table, long delta, Object init) {
    return tableGrow.execute(table, (int) delta, init).asLong();
  }

  /** GraalWasm's description of a function's type, e.g. {@code 2(i32 i64)f32}. */
  String funcType(Value function) {
    return funcType.execute(function).asString();
  }

  /** GraalWasm's name for a value type: i32 ... v128, and anyfunc or externref. */
  private static String typeName(ValType type) {
    if (type instanceof RefType) {
      return ((RefType) type).heapType().top() == HeapType.Kind.EXTERN ? "externref" : "anyfunc";
    }
    return type.toString();
  }
}
