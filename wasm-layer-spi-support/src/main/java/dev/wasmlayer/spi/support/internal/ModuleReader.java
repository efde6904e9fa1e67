package dev.wasmlayer.spi.support.internal;

import dev.wasmlayer.Feature;
import dev.wasmlayer.types.AddressType;
import dev.wasmlayer.types.ExportType;
import dev.wasmlayer.types.ExternType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.HeapType;
import dev.wasmlayer.types.ImportType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.types.TagType;
import dev.wasmlayer.types.ValType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the declarations of a binary module (types, imports, functions, tables, memories, globals,
 * exports, tags, start) into wasm-layer types, for engines whose own introspection is lossy. It
 * does not validate code: an engine validates first, and a module this reader cannot follow is
 * reported with {@link Malformed}.
 */
public final class ModuleReader {
  /** The bytes do not follow the binary format where this reader looked. */
  public static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Set<Feature> needsSoFar;

    Malformed(String message) {
      this(message, Set.of());
    }

    Malformed(String message, Set<Feature> needsSoFar) {
      super(message);
      this.needsSoFar = Set.copyOf(needsSoFar);
    }

    /**
     * The features the declarations read before the problem use (e.g. a 64-bit table with bad
     * limits).
     */
    public Set<Feature> needsSoFar() {
      return needsSoFar;
    }
  }

  /** Where the reading is; set once the magic checks out. */
  private ByteReader r;

  private final Set<Feature> needs = EnumSet.noneOf(Feature.class);

  /** Every type index; null for struct and array types. */
  private final List<FuncType> types = new ArrayList<>();

  private final List<ImportType> imports = new ArrayList<>();
  private final List<FuncType> functions = new ArrayList<>();
  private final List<ExternType> tables = new ArrayList<>();
  private final List<ExternType> memories = new ArrayList<>();
  private final List<ExternType> globals = new ArrayList<>();
  private final List<ExternType> tags = new ArrayList<>();
  private final List<ExportType> exports = new ArrayList<>();
  private boolean hasStart;

  private ModuleReader() {}

  /**
   * Reads {@code wasm}.
   *
   * @throws Malformed if the declarations cannot be read
   */
  public static ModuleInfo read(byte[] wasm) {
    ModuleReader r = new ModuleReader();
    try {
      r.module(wasm);
    } catch (IndexOutOfBoundsException e) {
      throw new Malformed("unexpected end of module", r.needs);
    } catch (
        IllegalArgumentException e) { // a bad encoding, or limits or types the API's records refuse
      throw new Malformed(e.getMessage(), r.needs);
    } catch (Malformed e) {
      throw new Malformed(e.getMessage(), r.needs);
    }
    return new ModuleInfo(r.imports, r.exports, r.functions, r.needs, r.hasStart);
  }

  private void module(byte[] wasm) {
    r = ByteReader.module(wasm);
    while (r.more()) {
      ByteReader.Section s = r.section();
      switch (s.id()) {
        case 1 -> typeSection();
        case 2 -> importSection();
        case 3 -> functionSection();
        case 4 -> tableSection();
        case 5 -> memorySection();
        case 6 -> globalSection();
        case 7 -> exportSection();
        case 8 -> hasStart = true;
        case 13 -> tagSection();
        default -> {} // custom, element, code, data, data count: nothing declared there
      }
      r.seek(s.end());
    }
  }

  private void typeSection() {
    for (int n = r.u32(), i = 0; i < n; i++) {
      if (peek() == 0x4E) { // rec group
        r.skip(1);
        needs.add(Feature.GC);
        for (int m = r.u32(), j = 0; j < m; j++) {
          subType();
        }
      } else {
        subType();
      }
    }
  }

  private void subType() {
    int form = peek();
    if (form == 0x50 || form == 0x4F) { // sub / sub final with supertypes
      r.skip(1);
      needs.add(Feature.GC);
      for (int m = r.u32(), j = 0; j < m; j++) {
        r.u32();
      }
    }
    compositeType();
  }

  private void compositeType() {
    int form = r.u8();
    switch (form) {
      case 0x60 -> types.add(FuncType.of(valTypes(), valTypes()));
      case 0x5F -> { // struct: fields of storage type and mutability
        needs.add(Feature.GC);
        for (int m = r.u32(), j = 0; j < m; j++) {
          storageType();
          r.skip(1);
        }
        types.add(null);
      }
      case 0x5E -> { // array
        needs.add(Feature.GC);
        storageType();
        r.skip(1);
        types.add(null);
      }
      default -> throw new Malformed("unknown type form 0x" + Integer.toHexString(form));
    }
  }

  private void storageType() {
    int t = peek();
    if (t == 0x78 || t == 0x77) { // i8, i16
      r.skip(1);
    } else {
      valType();
    }
  }

  private List<ValType> valTypes() {
    List<ValType> out = new ArrayList<>();
    for (int n = r.u32(), i = 0; i < n; i++) {
      out.add(valType());
    }
    return out;
  }

  private ValType valType() {
    int t = r.u8();
    return switch (t) {
      case 0x7F -> ValType.I32;
      case 0x7E -> ValType.I64;
      case 0x7D -> ValType.F32;
      case 0x7C -> ValType.F64;
      case 0x7B -> {
        needs.add(Feature.SIMD);
        yield ValType.V128;
      }
      case 0x63 -> ref(true, heapType(r.s64()));
      case 0x64 -> ref(false, heapType(r.s64()));
      default -> ref(true, abstractHeapType(t));
    };
  }

  private RefType ref(boolean nullable, HeapType heap) {
    if (heap.kind() == HeapType.Kind.CONCRETE || !nullable) {
      needs.add(Feature.FUNCTION_REFERENCES);
    }
    HeapType.Kind top = heap.top();
    if (top == HeapType.Kind.ANY) {
      needs.add(Feature.GC);
    } else if (top == HeapType.Kind.EXN) {
      needs.add(Feature.EXCEPTIONS);
    }
    return RefType.of(nullable, heap);
  }

  private HeapType heapType(long code) {
    if (code >= 0) {
      return HeapType.concrete((int) code);
    }
    return abstractHeapType((int) (code & 0x7F));
  }

  private static HeapType abstractHeapType(int code) {
    return switch (code) {
      case 0x70 -> HeapType.FUNC;
      case 0x6F -> HeapType.EXTERN;
      case 0x6E -> HeapType.ANY;
      case 0x6D -> HeapType.of(HeapType.Kind.EQ);
      case 0x6C -> HeapType.of(HeapType.Kind.I31);
      case 0x6B -> HeapType.of(HeapType.Kind.STRUCT);
      case 0x6A -> HeapType.of(HeapType.Kind.ARRAY);
      case 0x69 -> HeapType.EXN;
      case 0x71 -> HeapType.of(HeapType.Kind.NONE);
      case 0x72 -> HeapType.of(HeapType.Kind.NOEXTERN);
      case 0x73 -> HeapType.of(HeapType.Kind.NOFUNC);
      case 0x74 -> HeapType.of(HeapType.Kind.NOEXN);
      default -> throw new Malformed("unknown value type 0x" + Integer.toHexString(code));
    };
  }

  private void importSection() {
    for (int n = r.u32(), i = 0; i < n; i++) {
      String module = name();
      String field = name();
      int kind = r.u8();
      ExternType type =
          switch (kind) {
            case 0 -> added(functions, function(r.u32()));
            case 1 -> added(tables, tableType());
            case 2 -> added(memories, memoryType());
            case 3 -> added(globals, globalType());
            case 4 -> added(tags, tagType());
            default -> throw new Malformed("unknown import kind " + kind);
          };
      imports.add(new ImportType(module, field, type));
    }
  }

  /** {@return {@code t}, once added to {@code space}} */
  private static <T extends ExternType> T added(List<? super T> space, T t) {
    space.add(t);
    return t;
  }

  private FuncType function(int typeIndex) {
    if (typeIndex < 0 || typeIndex >= types.size() || types.get(typeIndex) == null) {
      throw new Malformed("function type index " + typeIndex + " is not a function type");
    }
    return types.get(typeIndex);
  }

  private void functionSection() {
    for (int n = r.u32(), i = 0; i < n; i++) {
      functions.add(function(r.u32()));
    }
  }

  private void tableSection() {
    for (int n = r.u32(), i = 0; i < n; i++) {
      boolean withInit = peek() == 0x40;
      if (withInit) {
        r.skip(2); // 0x40 0x00
        needs.add(Feature.FUNCTION_REFERENCES);
      }
      tables.add(tableType());
      if (withInit) {
        constExpr();
      }
    }
  }

  private TableType tableType() {
    ValType t = valType();
    if (!(t instanceof RefType element)) {
      throw new Malformed("a table's element type must be a reference type, got " + t);
    }
    int flags = r.u8();
    boolean is64 = (flags & 0x04) != 0;
    if (is64) {
      needs.add(Feature.MEMORY64);
    }
    long min = r.u64();
    OptionalLong max = (flags & 0x01) != 0 ? OptionalLong.of(r.u64()) : OptionalLong.empty();
    return new TableType(element, min, max, is64 ? AddressType.I64 : AddressType.I32);
  }

  private void memorySection() {
    for (int n = r.u32(), i = 0; i < n; i++) {
      memories.add(memoryType());
    }
    if (memories.size() > 1) {
      needs.add(Feature.MULTI_MEMORY);
    }
  }

  private MemoryType memoryType() {
    int flags = r.u8();
    boolean shared = (flags & 0x02) != 0;
    boolean is64 = (flags & 0x04) != 0;
    if (is64) {
      needs.add(Feature.MEMORY64);
    }
    if (shared) {
      needs.add(Feature.THREADS);
    }
    long min = r.u64();
    OptionalLong max = (flags & 0x01) != 0 ? OptionalLong.of(r.u64()) : OptionalLong.empty();
    if ((flags & 0x08) != 0) {
      r.u32(); // custom page size (log2)
    }
    return new MemoryType(min, max, is64 ? AddressType.I64 : AddressType.I32, shared);
  }

  private void globalSection() {
    for (int n = r.u32(), i = 0; i < n; i++) {
      globals.add(globalType());
      constExpr();
    }
  }

  private GlobalType globalType() {
    ValType content = valType();
    int mut = r.u8();
    if (mut > 1) {
      throw new Malformed("bad global mutability " + mut);
    }
    return new GlobalType(content, mut == 1);
  }

  private TagType tagType() {
    needs.add(Feature.EXCEPTIONS);
    r.skip(1); // attribute: exception
    return new TagType(function(r.u32()));
  }

  private void tagSection() {
    for (int n = r.u32(), i = 0; i < n; i++) {
      tags.add(tagType());
    }
  }

  private void exportSection() {
    for (int n = r.u32(), i = 0; i < n; i++) {
      String field = name();
      int kind = r.u8();
      int index = r.u32();
      List<? extends ExternType> space =
          switch (kind) {
            case 0 -> functions;
            case 1 -> tables;
            case 2 -> memories;
            case 3 -> globals;
            case 4 -> tags;
            default -> throw new Malformed("unknown export kind " + kind);
          };
      if (index < 0 || index >= space.size()) {
        throw new Malformed("export '" + field + "' names unknown index " + index);
      }
      exports.add(new ExportType(field, space.get(index)));
    }
  }

  /** Skips a constant expression up to its {@code end}. */
  private void constExpr() {
    for (int op = r.u8(); op != 0x0B; op = r.u8()) {
      switch (op) {
        case 0x41, 0x42, 0xD0 -> r.s64(); // i32.const, i64.const, ref.null
        case 0x43 -> r.skip(4);
        case 0x44 -> r.skip(8);
        case 0x23, 0xD2 -> r.u32(); // global.get, ref.func
        case 0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E -> {} // extended const arithmetic
        case 0xFD -> { // v128.const
          r.u32();
          r.skip(16);
        }
        case 0xFB -> gcConstOp();
        default ->
            throw new Malformed(
                "unexpected opcode 0x" + Integer.toHexString(op) + " in a constant expression");
      }
    }
  }

  private void gcConstOp() {
    int sub = r.u32();
    switch (sub) {
      case 0, 1, 6, 7 -> r.u32(); // struct.new(_default), array.new, array.new_default
      case 8 -> { // array.new_fixed
        r.u32();
        r.u32();
      }
      case 0x1A, 0x1B, 0x1C -> {} // any.convert_extern, extern.convert_any, ref.i31
      default -> throw new Malformed("unexpected GC opcode " + sub + " in a constant expression");
    }
  }

  private String name() {
    int len = r.u32();
    if (len > r.b.length - r.pos()) {
      throw new Malformed("name runs past the end");
    }
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(r.b, r.pos(), len))
              .toString();
      r.skip(len);
      return s;
    } catch (CharacterCodingException e) {
      throw new Malformed("name is not UTF-8");
    }
  }

  /** The next byte, not consumed. */
  private int peek() {
    return r.b[r.pos()] & 0xFF;
  }
}
