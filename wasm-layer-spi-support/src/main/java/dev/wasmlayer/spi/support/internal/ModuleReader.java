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
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the declarations of a binary module (types, imports, functions, tables, memories, globals, exports, tags,
 * start) into wasm-layer types, for engines whose own introspection is lossy. It does not validate code: an engine
 * validates first, and a module this reader cannot follow is reported with {@link Malformed}.
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

    /** The features the declarations read before the problem use (e.g. a 64-bit table with bad limits). */
    public Set<Feature> needsSoFar() {
      return needsSoFar;
    }
  }

  private final byte[] b;
  private int pos;
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

  private ModuleReader(byte[] bytes) {
    this.b = bytes;
  }

  /**
   * Reads {@code wasm}.
   *
   * @throws Malformed if the declarations cannot be read
   */
  public static ModuleInfo read(byte[] wasm) {
    ModuleReader r = new ModuleReader(wasm);
    try {
      r.module();
    } catch (IndexOutOfBoundsException e) {
      throw new Malformed("unexpected end of module", r.needs);
    } catch (IllegalArgumentException e) { // limits or types the API's records refuse: not a valid module
      throw new Malformed(e.getMessage(), r.needs);
    } catch (Malformed e) {
      throw new Malformed(e.getMessage(), r.needs);
    }
    return new ModuleInfo(r.imports, r.exports, r.functions, r.needs, r.hasStart);
  }

  private void module() {
    if (b.length < 8 || b[0] != 0 || b[1] != 'a' || b[2] != 's' || b[3] != 'm') {
      throw new Malformed("not a binary module (magic)");
    }
    pos = 8;
    while (pos < b.length) {
      int id = b[pos++] & 0xFF;
      int size = u32();
      int end = pos + size;
      if (size < 0 || end > b.length) {
        throw new Malformed("section " + id + " runs past the end");
      }
      switch (id) {
        case 1: typeSection(); break;
        case 2: importSection(); break;
        case 3: functionSection(); break;
        case 4: tableSection(); break;
        case 5: memorySection(); break;
        case 6: globalSection(); break;
        case 7: exportSection(); break;
        case 8: hasStart = true; break;
        case 13: tagSection(); break;
        default: break; // custom, element, code, data, data count: nothing declared there
      }
      pos = end;
    }
  }

  private void typeSection() {
    for (int n = u32(), i = 0; i < n; i++) {
      int form = b[pos] & 0xFF;
      if (form == 0x4E) { // rec group
        pos++;
        needs.add(Feature.GC);
        for (int m = u32(), j = 0; j < m; j++) {
          subType();
        }
      } else {
        subType();
      }
    }
  }

  private void subType() {
    int form = b[pos] & 0xFF;
    if (form == 0x50 || form == 0x4F) { // sub / sub final with supertypes
      pos++;
      needs.add(Feature.GC);
      for (int m = u32(), j = 0; j < m; j++) {
        u32();
      }
    }
    compositeType();
  }

  private void compositeType() {
    int form = b[pos++] & 0xFF;
    switch (form) {
      case 0x60:
        types.add(FuncType.of(valTypes(), valTypes()));
        break;
      case 0x5F: // struct: fields of storage type and mutability
        needs.add(Feature.GC);
        for (int m = u32(), j = 0; j < m; j++) {
          storageType();
          pos++;
        }
        types.add(null);
        break;
      case 0x5E: // array
        needs.add(Feature.GC);
        storageType();
        pos++;
        types.add(null);
        break;
      default:
        throw new Malformed("unknown type form 0x" + Integer.toHexString(form));
    }
  }

  private void storageType() {
    int t = b[pos] & 0xFF;
    if (t == 0x78 || t == 0x77) { // i8, i16
      pos++;
    } else {
      valType();
    }
  }

  private List<ValType> valTypes() {
    List<ValType> out = new ArrayList<>();
    for (int n = u32(), i = 0; i < n; i++) {
      out.add(valType());
    }
    return out;
  }

  private ValType valType() {
    int t = b[pos++] & 0xFF;
    switch (t) {
      case 0x7F: return ValType.I32;
      case 0x7E: return ValType.I64;
      case 0x7D: return ValType.F32;
      case 0x7C: return ValType.F64;
      case 0x7B:
        needs.add(Feature.SIMD);
        return ValType.V128;
      case 0x63: return ref(true, heapType(s33()));
      case 0x64: return ref(false, heapType(s33()));
      default:
        return ref(true, abstractHeapType(t));
    }
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
    switch (code) {
      case 0x70: return HeapType.FUNC;
      case 0x6F: return HeapType.EXTERN;
      case 0x6E: return HeapType.ANY;
      case 0x6D: return HeapType.of(HeapType.Kind.EQ);
      case 0x6C: return HeapType.of(HeapType.Kind.I31);
      case 0x6B: return HeapType.of(HeapType.Kind.STRUCT);
      case 0x6A: return HeapType.of(HeapType.Kind.ARRAY);
      case 0x69: return HeapType.EXN;
      case 0x71: return HeapType.of(HeapType.Kind.NONE);
      case 0x72: return HeapType.of(HeapType.Kind.NOEXTERN);
      case 0x73: return HeapType.of(HeapType.Kind.NOFUNC);
      case 0x74: return HeapType.of(HeapType.Kind.NOEXN);
      default: throw new Malformed("unknown value type 0x" + Integer.toHexString(code));
    }
  }

  private void importSection() {
    for (int n = u32(), i = 0; i < n; i++) {
      String module = name();
      String field = name();
      int kind = b[pos++] & 0xFF;
      ExternType type;
      switch (kind) {
        case 0: type = function(u32()); functions.add((FuncType) type); break;
        case 1: type = tableType(); tables.add(type); break;
        case 2: type = memoryType(); memories.add(type); break;
        case 3: type = globalType(); globals.add(type); break;
        case 4: type = tagType(); tags.add(type); break;
        default: throw new Malformed("unknown import kind " + kind);
      }
      imports.add(new ImportType(module, field, type));
    }
  }

  private FuncType function(int typeIndex) {
    if (typeIndex < 0 || typeIndex >= types.size() || types.get(typeIndex) == null) {
      throw new Malformed("function type index " + typeIndex + " is not a function type");
    }
    return types.get(typeIndex);
  }

  private void functionSection() {
    for (int n = u32(), i = 0; i < n; i++) {
      functions.add(function(u32()));
    }
  }

  private void tableSection() {
    for (int n = u32(), i = 0; i < n; i++) {
      boolean withInit = (b[pos] & 0xFF) == 0x40;
      if (withInit) {
        pos += 2; // 0x40 0x00
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
    if (!(t instanceof RefType)) {
      throw new Malformed("a table's element type must be a reference type, got " + t);
    }
    RefType element = (RefType) t;
    int flags = b[pos++] & 0xFF;
    boolean is64 = (flags & 0x04) != 0;
    if (is64) {
      needs.add(Feature.MEMORY64);
    }
    long min = u64();
    OptionalLong max = (flags & 0x01) != 0 ? OptionalLong.of(u64()) : OptionalLong.empty();
    return new TableType(element, min, max, is64 ? AddressType.I64 : AddressType.I32);
  }

  private void memorySection() {
    for (int n = u32(), i = 0; i < n; i++) {
      memories.add(memoryType());
    }
    if (memories.size() > 1) {
      needs.add(Feature.MULTI_MEMORY);
    }
  }

  private MemoryType memoryType() {
    int flags = b[pos++] & 0xFF;
    boolean shared = (flags & 0x02) != 0;
    boolean is64 = (flags & 0x04) != 0;
    if (is64) {
      needs.add(Feature.MEMORY64);
    }
    if (shared) {
      needs.add(Feature.THREADS);
    }
    long min = u64();
    OptionalLong max = (flags & 0x01) != 0 ? OptionalLong.of(u64()) : OptionalLong.empty();
    if ((flags & 0x08) != 0) {
      u32(); // custom page size (log2)
    }
    return new MemoryType(min, max, is64 ? AddressType.I64 : AddressType.I32, shared);
  }

  private void globalSection() {
    for (int n = u32(), i = 0; i < n; i++) {
      globals.add(globalType());
      constExpr();
    }
  }

  private GlobalType globalType() {
    ValType content = valType();
    int mut = b[pos++] & 0xFF;
    if (mut > 1) {
      throw new Malformed("bad global mutability " + mut);
    }
    return new GlobalType(content, mut == 1);
  }

  private TagType tagType() {
    needs.add(Feature.EXCEPTIONS);
    pos++; // attribute: exception
    return new TagType(function(u32()));
  }

  private void tagSection() {
    for (int n = u32(), i = 0; i < n; i++) {
      tags.add(tagType());
    }
  }

  private void exportSection() {
    for (int n = u32(), i = 0; i < n; i++) {
      String field = name();
      int kind = b[pos++] & 0xFF;
      int index = u32();
      List<? extends ExternType> space;
      switch (kind) {
        case 0: space = functions; break;
        case 1: space = tables; break;
        case 2: space = memories; break;
        case 3: space = globals; break;
        case 4: space = tags; break;
        default: throw new Malformed("unknown export kind " + kind);
      }
      if (index < 0 || index >= space.size()) {
        throw new Malformed("export '" + field + "' names unknown index " + index);
      }
      exports.add(new ExportType(field, space.get(index)));
    }
  }

  /** Skips a constant expression up to its {@code end}. */
  private void constExpr() {
    while (true) {
      int op = b[pos++] & 0xFF;
      switch (op) {
        case 0x0B: return;
        case 0x41: s33(); break; // i32.const
        case 0x42: s64(); break; // i64.const
        case 0x43: pos += 4; break;
        case 0x44: pos += 8; break;
        case 0x23: case 0xD2: u32(); break; // global.get, ref.func
        case 0xD0: s33(); break; // ref.null
        case 0x6A: case 0x6B: case 0x6C: case 0x7C: case 0x7D: case 0x7E: break; // extended const arithmetic
        case 0xFD: u32(); pos += 16; break; // v128.const
        case 0xFB: gcConstOp(); break;
        default: throw new Malformed("unexpected opcode 0x" + Integer.toHexString(op) + " in a constant expression");
      }
    }
  }

  private void gcConstOp() {
    int sub = u32();
    switch (sub) {
      case 0: case 1: case 7: u32(); break; // struct.new(_default), array.new_default
      case 6: u32(); break; // array.new
      case 8: u32(); u32(); break; // array.new_fixed
      case 0x1A: case 0x1B: case 0x1C: break; // any.convert_extern, extern.convert_any, ref.i31
      default: throw new Malformed("unexpected GC opcode " + sub + " in a constant expression");
    }
  }

  private String name() {
    int len = u32();
    if (len < 0 || pos + len > b.length) {
      throw new Malformed("name runs past the end");
    }
    try {
      String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(b, pos, len)).toString();
      pos += len;
      return s;
    } catch (CharacterCodingException e) {
      throw new Malformed("name is not UTF-8");
    }
  }

  private int u32() {
    long v = u64();
    if (v > 0xFFFF_FFFFL) {
      throw new Malformed("integer too large");
    }
    return (int) v;
  }

  /** An unsigned LEB128 of up to 64 bits; values above {@code Long.MAX_VALUE} (only limits reach them) clamp. */
  private long u64() {
    long result = 0;
    int shift = 0;
    while (true) {
      int x = b[pos++] & 0xFF;
      result |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return shift == 63 && x > 0 ? Long.MAX_VALUE : result;
      }
      shift += 7;
      if (shift > 63) {
        throw new Malformed("integer too long");
      }
    }
  }

  private long s33() {
    return s64();
  }

  private long s64() {
    long result = 0;
    int shift = 0;
    int x;
    do {
      x = b[pos++] & 0xFF;
      result |= (long) (x & 0x7F) << shift;
      shift += 7;
      if (shift > 70) {
        throw new Malformed("integer too long");
      }
    } while ((x & 0x80) != 0);
    if (shift < 64 && (x & 0x40) != 0) {
      result |= -1L << shift;
    }
    return result;
  }
}
