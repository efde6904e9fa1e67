package dev.wasmlayer.spi.support.internal;

import dev.wasmlayer.CompileException;
import dev.wasmlayer.types.FuncType;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.List;

/**
 * Makes a module count its own growth against its store's limits, for engines that cannot be asked
 * before a memory or table grows (wasmtime's C API limits each memory on its own; GraalWasm has no
 * hook at all). A module with {@code memory.grow} or {@code table.grow} gets two more imports,
 * mutable i64 globals {@value #MODULE}.{@value #MEMORY} (bytes left) and {@value #MODULE}.{@value
 * #TABLES} (elements left), which the store supplies ({@link StoreLimits#globals}); each such
 * instruction becomes a check against them ({@link GrowCode}). Defined globals move up two indices
 * (everywhere they are named, except the name section's debug names); function indices, types,
 * exports and memories stay as they were. Code offsets move, so module offsets in trap frames are
 * those of the rewritten module. A module without those instructions is left as it is.
 */
public final class GrowCounting {
  /**
   * The import module name of the budget globals, reserved: a module importing from it is refused.
   */
  public static final String MODULE = "wasm-layer:limits";

  /** The memory budget global, bytes left. */
  public static final String MEMORY = "memory";

  /** The table budget global, elements left. */
  public static final String TABLES = "tables";

  /**
   * A module as a store with limits runs it.
   *
   * @param wasm the bytes to compile, from position 0 to the limit: the caller's own array when
   *     nothing changed, otherwise the one buffer the rewrite was written into, from the {@link
   *     Space} given
   * @param importsBudgets whether they import the two budget globals (after every import of the
   *     original)
   * @param minimums what instantiating it creates at once
   */
  public record Counted(ByteBuffer wasm, boolean importsBudgets, Minimums minimums) {
    /** {@code wasm} unchanged. */
    public static Counted unchanged(byte[] wasm, Minimums minimums) {
      return new Counted(ByteBuffer.wrap(wasm), false, minimums);
    }

    /** The number of bytes. */
    public int length() {
      return wasm.limit();
    }

    /**
     * The bytes as an array of exactly {@link #length()}: the backing array when it is one, else a
     * copy.
     */
    public byte[] bytes() {
      if (wasm.hasArray() && wasm.arrayOffset() == 0 && wasm.array().length == wasm.limit()) {
        return wasm.array();
      }
      byte[] out = new byte[wasm.limit()];
      wasm.get(0, out);
      return out;
    }
  }

  private GrowCounting() {}

  /** {@link #count(byte[], Space)} on the heap. */
  public static Counted count(byte[] wasm) {
    return count(wasm, Space.HEAP);
  }

  /**
   * {@code wasm}, a binary module, counted; a rewrite is written in one pass into one buffer from
   * {@code space}. Meant for modules an engine validated: an instruction this layer does not know
   * throws rather than being guessed at.
   *
   * @throws CompileException if the module imports from {@link #MODULE}
   * @throws RuntimeException if the bytes cannot be followed
   */
  public static Counted count(byte[] wasm, Space space) {
    ModuleLayout layout = layout(wasm);
    ByteReader.Section code = layout.section(10);
    GrowCode rewriter = new GrowCode(layout);
    BitSet growing = code == null ? new BitSet() : rewriter.growing(code);
    if (growing.isEmpty()) {
      return Counted.unchanged(wasm, layout.minimums);
    }
    ModuleInfo info = ModuleReader.read(wasm);
    ByteSink out = new ByteSink(space, wasm.length + wasm.length / 32 + 4096);
    new Rewrite(layout, rewriter, info.functions(), growing, out).module();
    return new Counted(out.finish(), true, layout.minimums);
  }

  /**
   * What instantiating {@code wasm} creates at once (declarations only; for modules compiled
   * before).
   */
  public static Minimums minimums(byte[] wasm) {
    return layout(wasm).minimums;
  }

  private static ModuleLayout layout(byte[] wasm) {
    ModuleLayout layout = new ModuleLayout(wasm);
    if (layout.importsReserved) {
      throw new CompileException(
          CompileException.Reason.INVALID,
          "the module imports from '"
              + MODULE
              + "', a module name wasm-layer reserves for its store limits",
          null);
    }
    return layout;
  }

  /**
   * One rewrite: each section that names globals or holds code, in order, straight into one sink;
   * the rest copied.
   */
  private static final class Rewrite {
    private final ModuleLayout l;
    private final byte[] b;
    private final GrowCode code;
    private final List<FuncType> functions;
    private final BitSet growing;
    private final ByteSink out;

    Rewrite(ModuleLayout l, GrowCode code, List<FuncType> functions, BitSet growing, ByteSink out) {
      this.l = l;
      this.b = l.b;
      this.code = code;
      this.functions = functions;
      this.growing = growing;
      this.out = out;
    }

    void module() {
      out.copy(b, 0, 8);
      boolean imported = false;
      for (ByteReader.Section s : l.sections) {
        if (!imported && s.id() != 0 && s.id() != 1 && s.id() != 2) {
          section(2, null); // the module had none
          imported = true;
        }
        switch (s.id()) {
          case 2, 4, 6, 7, 9, 10, 11 -> {
            section(s.id(), new ByteReader(b, s.payload()));
            imported |= s.id() == 2;
          }
          default -> out.copy(b, s.start(), s.end());
        }
      }
    }

    private void section(int id, ByteReader r) {
      out.u8(id);
      int size = out.slot();
      switch (id) {
        case 2 -> imports(r);
        case 4 -> tables(r);
        case 6 -> globals(r);
        case 7 -> exports(r);
        case 9 -> elements(r);
        case 10 -> code(r);
        case 11 -> data(r);
        default -> throw new IllegalArgumentException("section " + id);
      }
      out.fill(size);
    }

    private void imports(ByteReader r) {
      if (r == null) {
        out.u64(2);
      } else {
        int n = r.u32();
        out.u64(n + 2L).copy(b, r.pos, l.section(2).end());
      }
      for (String name : new String[] {MEMORY, TABLES}) {
        out.name(MODULE).name(name).ops(0x03, 0x7E, 0x01); // global, mutable i64
      }
    }

    private void tables(ByteReader r) {
      int n = r.u32();
      out.u64(n);
      for (int i = 0; i < n; i++) {
        int from = r.pos;
        boolean withInit = (b[r.pos] & 0xFF) == 0x40;
        if (withInit) {
          r.skip(2);
        }
        ModuleLayout.valType(r);
        int flags = r.u8();
        r.leb();
        if ((flags & 1) != 0) {
          r.leb();
        }
        out.copy(b, from, r.pos);
        if (withInit) {
          code.constExpr(r, out);
        }
      }
    }

    private void globals(ByteReader r) {
      int n = r.u32();
      out.u64(n);
      for (int i = 0; i < n; i++) {
        int from = r.pos;
        ModuleLayout.valType(r);
        r.u8(); // mutability
        out.copy(b, from, r.pos);
        code.constExpr(r, out);
      }
    }

    private void exports(ByteReader r) {
      int n = r.u32();
      out.u64(n);
      for (int i = 0; i < n; i++) {
        int from = r.pos;
        r.skip(r.u32()); // name
        int kind = r.u8();
        out.copy(b, from, r.pos);
        int index = r.u32();
        out.u64(kind == 3 ? code.global(index) : index);
      }
    }

    /** Element segments: offsets and item expressions may read globals. */
    private void elements(ByteReader r) {
      int n = r.u32();
      out.u64(n);
      for (int i = 0; i < n; i++) {
        int flags = r.u32();
        out.u64(flags);
        if ((flags & 1) == 0) { // active: a table index (flag 2), then the offset
          if ((flags & 2) != 0) {
            out.u64(r.u32());
          }
          code.constExpr(r, out);
        }
        if ((flags & 3) != 0) { // an element kind byte, or a reference type with expressions
          int from = r.pos;
          if ((flags & 4) != 0) {
            ModuleLayout.valType(r);
          } else {
            r.u8();
          }
          out.copy(b, from, r.pos);
        }
        int items = r.u32();
        out.u64(items);
        for (int k = 0; k < items; k++) {
          if ((flags & 4) != 0) {
            code.constExpr(r, out);
          } else {
            out.u64(r.u32());
          }
        }
      }
    }

    private void code(ByteReader r) {
      int n = r.u32();
      out.u64(n);
      for (int i = 0; i < n; i++) {
        int size = r.u32();
        int from = r.pos;
        int params = functions.get(l.importedFunctions + i).params().size();
        int slot = out.slot();
        code.body(from, from + size, params, growing.get(i), out);
        out.fill(slot);
        r.pos = from + size;
      }
    }

    /** Data segments: active ones have an offset expression. */
    private void data(ByteReader r) {
      int n = r.u32();
      out.u64(n);
      for (int i = 0; i < n; i++) {
        int flags = r.u32();
        out.u64(flags);
        if (flags == 2) {
          out.u64(r.u32());
        }
        if (flags != 1) {
          code.constExpr(r, out);
        }
        int from = r.pos;
        r.skip(r.u32());
        out.copy(b, from, r.pos);
      }
    }
  }
}
