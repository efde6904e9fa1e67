package dev.wasmlayer.spi.support.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a binary module's sections are, and what its memories and tables are (imported ones first,
 * as indexed): what {@link GrowCounting} needs to count a module's growth, and what a backend
 * checks before its engine parses the module. Reads declarations only, never code.
 */
public final class ModuleLayout {
  /**
   * A memory.
   *
   * @param imported whether it is imported
   * @param is64 whether its addresses are 64-bit
   * @param pageSizeLog2 its page size as a power of two
   */
  public record Mem(boolean imported, boolean is64, int pageSizeLog2) {}

  /**
   * A table.
   *
   * @param imported whether it is imported
   * @param is64 whether its indices are 64-bit
   * @param elementType its element type as encoded (for a local of that type)
   */
  public record Tab(boolean imported, boolean is64, byte[] elementType) {}

  final byte[] b;
  final List<ByteReader.Section> sections = new ArrayList<>();
  final List<Mem> memories = new ArrayList<>();
  final List<Tab> tables = new ArrayList<>();
  int importedFunctions;
  int importedGlobals;

  /** Whether an import comes from the module name wasm-layer reserves. */
  boolean importsReserved;

  Minimums minimums = Minimums.NONE;

  /**
   * Reads the layout of {@code wasm}.
   *
   * @param wasm a binary module
   * @throws IllegalArgumentException if the bytes are not a binary module or its declarations
   *     cannot be followed
   * @throws IndexOutOfBoundsException if they end too soon
   */
  public ModuleLayout(byte[] wasm) {
    this.b = wasm;
    ByteReader r = ByteReader.module(wasm);
    while (r.more()) {
      ByteReader.Section s = r.section();
      sections.add(s);
      switch (s.id()) {
        case 2 -> imports(r);
        case 4 -> tableSection(r);
        case 5 -> memorySection(r);
        default -> {}
      }
      r.seek(s.end());
    }
  }

  /** {@return the memories, imported ones first} */
  public List<Mem> memories() {
    return List.copyOf(memories);
  }

  /** {@return the tables, imported ones first} */
  public List<Tab> tables() {
    return List.copyOf(tables);
  }

  /** The first section with {@code id}, or null. */
  ByteReader.Section section(int id) {
    return sections.stream().filter(s -> s.id() == id).findFirst().orElse(null);
  }

  private void imports(ByteReader r) {
    for (int n = r.u32(), i = 0; i < n; i++) {
      String module = name(r);
      name(r);
      importsReserved |= module.equals(GrowCounting.MODULE);
      int kind = r.u8();
      switch (kind) {
        case 0 -> {
          r.leb();
          importedFunctions++;
        }
        case 1 -> tables.add(tableType(r, true));
        case 2 -> memories.add(memoryType(r, true));
        case 3 -> {
          valType(r);
          r.u8();
          importedGlobals++;
        }
        case 4 -> {
          r.u8();
          r.leb();
        }
        default -> throw new IllegalArgumentException("unknown import kind " + kind);
      }
    }
  }

  private void tableSection(ByteReader r) {
    for (int n = r.u32(), i = 0; i < n; i++) {
      boolean withInit = (b[r.pos] & 0xFF) == 0x40;
      if (withInit) {
        r.skip(2);
      }
      tables.add(tableType(r, false));
      if (withInit) {
        skipConstExpr(r);
      }
    }
  }

  private Tab tableType(ByteReader r, boolean imported) {
    int from = r.pos;
    valType(r);
    byte[] element = Arrays.copyOfRange(b, from, r.pos);
    int flags = r.u8();
    long min = r.u64();
    if ((flags & 1) != 0) {
      r.leb();
    }
    if (!imported) {
      minimums = minimums.plusTable(min);
    }
    return new Tab(imported, (flags & 4) != 0, element);
  }

  private void memorySection(ByteReader r) {
    for (int n = r.u32(), i = 0; i < n; i++) {
      memories.add(memoryType(r, false));
    }
  }

  private Mem memoryType(ByteReader r, boolean imported) {
    int flags = r.u8();
    long min = r.u64();
    if ((flags & 1) != 0) {
      r.leb();
    }
    int log2 = (flags & 8) != 0 ? r.u32() : 16;
    if (log2 > 16) {
      throw new IllegalArgumentException("page size 2^" + log2);
    }
    if (!imported) {
      minimums = minimums.plusMemory(Budget.bytes(min, 1L << log2));
    }
    return new Mem(imported, (flags & 4) != 0, log2);
  }

  static void valType(ByteReader r) {
    int t = r.u8();
    if (t == 0x63 || t == 0x64) {
      r.leb();
    }
  }

  static void skipConstExpr(ByteReader r) {
    while (Instructions.next(r) != Instructions.END) {
      // constant expressions have no blocks: the first end is theirs
    }
  }

  private static String name(ByteReader r) {
    int len = r.u32();
    int from = r.pos;
    r.skip(len);
    return new String(r.b, from, len, StandardCharsets.UTF_8);
  }
}
