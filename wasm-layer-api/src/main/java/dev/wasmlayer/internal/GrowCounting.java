package dev.wasmlayer.internal;

import dev.wasmlayer.CompileException;
import java.util.List;

/**
 * Makes a module count its own growth against its store's limits, for engines that cannot be asked before a memory
 * or table grows (wasmtime's C API limits each memory on its own; GraalWasm has no hook at all). A module with
 * {@code memory.grow} or {@code table.grow} gets two more imports, mutable i64 globals {@value #MODULE}.{@value
 * #MEMORY} (bytes left) and {@value #MODULE}.{@value #TABLES} (elements left), which the store supplies
 * ({@link StoreLimits#globals}); each such instruction becomes a check against them ({@link GrowCode}). Defined
 * globals move up two indices (everywhere they are named, except the name section's debug names); function indices,
 * types, exports and memories stay as they were. Code offsets move, so module offsets in trap frames are those of the
 * rewritten module. A module without those instructions is left as it is.
 */
public final class GrowCounting {
  /** The import module name of the budget globals, reserved: a module importing from it is refused. */
  public static final String MODULE = "wasm-layer:limits";
  /** The memory budget global, bytes left. */
  public static final String MEMORY = "memory";
  /** The table budget global, elements left. */
  public static final String TABLES = "tables";

  /**
   * A module as a store with limits runs it.
   *
   * @param wasm the bytes to compile
   * @param importsBudgets whether they import the two budget globals (after every import of the original)
   * @param minimums what instantiating it creates at once
   */
  public record Counted(byte[] wasm, boolean importsBudgets, Minimums minimums) {}

  private GrowCounting() {}

  /**
   * {@code wasm}, a binary module, counted. Meant for modules an engine validated: an instruction this layer does not
   * know throws rather than being guessed at.
   *
   * @throws CompileException if the module imports from {@link #MODULE}
   * @throws RuntimeException if the bytes cannot be followed
   */
  public static Counted count(byte[] wasm) {
    ModuleLayout layout = layout(wasm);
    ModuleLayout.Section code = layout.section(10);
    GrowCode rewriter = new GrowCode(layout);
    if (code == null || !rewriter.grows(code)) {
      return new Counted(wasm, false, layout.minimums);
    }
    ModuleInfo info = ModuleReader.read(wasm);
    return new Counted(new Rewrite(layout, rewriter, info.functions()).module(), true, layout.minimums);
  }

  /** What instantiating {@code wasm} creates at once (declarations only; for modules compiled before). */
  public static Minimums minimums(byte[] wasm) {
    return layout(wasm).minimums;
  }

  private static ModuleLayout layout(byte[] wasm) {
    ModuleLayout layout = new ModuleLayout(wasm);
    if (layout.importsReserved) {
      throw new CompileException(CompileException.Reason.INVALID, "the module imports from '" + MODULE
          + "', a module name wasm-layer reserves for its store limits", null);
    }
    return layout;
  }

  /** One rewrite: each section that names globals or holds code, in order; the rest copied. */
  private static final class Rewrite {
    private final ModuleLayout l;
    private final byte[] b;
    private final GrowCode code;
    private final List<dev.wasmlayer.types.FuncType> functions;

    Rewrite(ModuleLayout l, GrowCode code, List<dev.wasmlayer.types.FuncType> functions) {
      this.l = l;
      this.b = l.b;
      this.code = code;
      this.functions = functions;
    }

    byte[] module() {
      ByteSink out = new ByteSink().copy(b, 0, 8);
      boolean imported = false;
      for (ModuleLayout.Section s : l.sections) {
        if (!imported && s.id() != 0 && s.id() != 1 && s.id() != 2) {
          out.section(2, imports(null)); // the module had none
          imported = true;
        }
        ByteReader r = new ByteReader(b, s.payload());
        switch (s.id()) {
          case 2 -> {
            out.section(2, imports(r));
            imported = true;
          }
          case 4 -> out.section(4, tables(r));
          case 6 -> out.section(6, globals(r));
          case 7 -> out.section(7, exports(r));
          case 9 -> out.section(9, elements(r));
          case 10 -> out.section(10, code(r));
          case 11 -> out.section(11, data(r));
          default -> out.copy(b, s.start(), s.end());
        }
      }
      return out.toByteArray();
    }

    private ByteSink imports(ByteReader r) {
      ByteSink out = new ByteSink();
      if (r == null) {
        out.u64(2);
      } else {
        int n = r.u32();
        out.u64(n + 2L).copy(b, r.pos, l.section(2).end());
      }
      for (String name : new String[] {MEMORY, TABLES}) {
        out.name(MODULE).name(name).ops(0x03, 0x7E, 0x01); // global, mutable i64
      }
      return out;
    }

    private ByteSink tables(ByteReader r) {
      ByteSink out = new ByteSink();
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
      return out;
    }

    private ByteSink globals(ByteReader r) {
      ByteSink out = new ByteSink();
      int n = r.u32();
      out.u64(n);
      for (int i = 0; i < n; i++) {
        int from = r.pos;
        ModuleLayout.valType(r);
        r.u8(); // mutability
        out.copy(b, from, r.pos);
        code.constExpr(r, out);
      }
      return out;
    }

    private ByteSink exports(ByteReader r) {
      ByteSink out = new ByteSink();
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
      return out;
    }

    /** Element segments: offsets and item expressions may read globals. */
    private ByteSink elements(ByteReader r) {
      ByteSink out = new ByteSink();
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
      return out;
    }

    private ByteSink code(ByteReader r) {
      ByteSink out = new ByteSink();
      int n = r.u32();
      out.u64(n);
      for (int i = 0; i < n; i++) {
        int size = r.u32();
        int from = r.pos;
        int params = functions.get(l.importedFunctions + i).params().size();
        byte[] body = code.body(from, from + size, params);
        out.u64(body.length).bytes(body);
        r.pos = from + size;
      }
      return out;
    }

    /** Data segments: active ones have an offset expression. */
    private ByteSink data(ByteReader r) {
      ByteSink out = new ByteSink();
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
      return out;
    }
  }
}
