package dev.wasmlayer.wasmtime;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.wasmlayer.Feature;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.types.AddressType;
import dev.wasmlayer.types.ExternType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.HeapType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.NumType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.types.TagType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.types.VecType;
import dev.wasmlayer.wasmtime.internal.Layout;
import dev.wasmlayer.wasmtime.internal.Natives;
import dev.wasmlayer.wasmtime.internal.Wasmtime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Conversions between wasm-layer types and wasmtime's type objects, in one place (struct and array
 * types: {@link WasmtimeGcTypes}). Value types are read with {@code wasmtime_valtype_new}, never
 * {@code wasm_valtype_kind} (which aborts the process for v128 and GC types). wasmtime does not
 * expose the module-local index of a concrete heap type, so {@code (ref $t)} reads back here as its
 * abstract top ({@code (ref func)}, {@code (ref struct)}, ...). A module's imports and exports take
 * the index from the module's own declarations instead ({@link WasmtimeModule}); the type of a
 * host-created extern, of a function reached only as a value, and a struct's or array's field types
 * keep the top.
 */
final class WasmtimeTypes {
  private WasmtimeTypes() {}

  private static final HeapType.Kind[] HEAP_KINDS = {
    HeapType.Kind.EXTERN, HeapType.Kind.NOEXTERN, HeapType.Kind.FUNC, HeapType.Kind.FUNC,
        HeapType.Kind.NOFUNC,
    HeapType.Kind.ANY, HeapType.Kind.NONE, HeapType.Kind.EQ, HeapType.Kind.I31, HeapType.Kind.ARRAY,
    HeapType.Kind.ARRAY, HeapType.Kind.STRUCT, HeapType.Kind.STRUCT, HeapType.Kind.EXN,
        HeapType.Kind.EXN,
    HeapType.Kind.NOEXN
  };

  static ValType valType(Pointer wasmValType) {
    Memory vt = Natives.alloc(Layout.VALTYPE_SIZE);
    Wasmtime.wasmtime_valtype_new(wasmValType, vt);
    try {
      return switch (vt.getByte(0)) {
        case Layout.I32 -> NumType.I32;
        case Layout.I64 -> NumType.I64;
        case Layout.F32 -> NumType.F32;
        case Layout.F64 -> NumType.F64;
        case Layout.V128 -> VecType.V128;
        default -> {
          boolean nullable = vt.getByte(Layout.VALTYPE_NULLABLE) != 0;
          int heap = vt.getByte(Layout.VALTYPE_HEAP_KIND) & 0xFF;
          if (heap >= HEAP_KINDS.length) {
            throw new IllegalStateException("unknown wasmtime heap type kind " + heap);
          }
          yield new RefType(nullable, HeapType.of(HEAP_KINDS[heap]));
        }
      };
    } finally {
      Wasmtime.wasmtime_valtype_delete(vt);
    }
  }

  static List<ValType> valTypes(Pointer vec) {
    long n = vec.getLong(0);
    Pointer data = vec.getPointer(8);
    List<ValType> out = new ArrayList<>((int) n);
    for (int i = 0; i < n; i++) {
      out.add(valType(data.getPointer((long) i * Native.POINTER_SIZE)));
    }
    return out;
  }

  static FuncType funcType(Pointer functype) {
    return new FuncType(
        valTypes(Wasmtime.wasm_functype_params(functype)),
        valTypes(Wasmtime.wasm_functype_results(functype)));
  }

  static MemoryType memoryType(Pointer mt) {
    long[] max = new long[1];
    boolean hasMax = Wasmtime.wasmtime_memorytype_maximum(mt, max) != 0;
    return new MemoryType(
        Wasmtime.wasmtime_memorytype_minimum(mt),
        hasMax ? OptionalLong.of(max[0]) : OptionalLong.empty(),
        Wasmtime.wasmtime_memorytype_is64(mt) != 0 ? AddressType.I64 : AddressType.I32,
        Wasmtime.wasmtime_memorytype_isshared(mt) != 0);
  }

  static GlobalType globalType(Pointer gt) {
    return new GlobalType(
        valType(Wasmtime.wasm_globaltype_content(gt)),
        Wasmtime.wasm_globaltype_mutability(gt) != 0);
  }

  static TableType tableType(Pointer tt) {
    Pointer limits = Wasmtime.wasm_tabletype_limits(tt);
    long min = limits.getInt(0) & 0xFFFF_FFFFL;
    long max = limits.getInt(4) & 0xFFFF_FFFFL;
    return new TableType(
        (RefType) valType(Wasmtime.wasm_tabletype_element(tt)),
        min,
        max == 0xFFFF_FFFFL ? OptionalLong.empty() : OptionalLong.of(max),
        AddressType.I32);
  }

  static ExternType externType(Pointer et) {
    return switch (Wasmtime.wasm_externtype_kind(et)) {
      case Layout.WASM_EXTERN_FUNC -> funcType(Wasmtime.wasm_externtype_as_functype_const(et));
      case Layout.WASM_EXTERN_GLOBAL ->
          globalType(Wasmtime.wasm_externtype_as_globaltype_const(et));
      case Layout.WASM_EXTERN_TABLE -> tableType(Wasmtime.wasm_externtype_as_tabletype_const(et));
      case Layout.WASM_EXTERN_MEMORY ->
          memoryType(Wasmtime.wasm_externtype_as_memorytype_const(et));
      case Layout.WASM_EXTERN_TAG -> tagType(Wasmtime.wasm_externtype_as_tagtype_const(et));
      default ->
          throw new IllegalStateException(
              "unknown wasm extern kind " + Wasmtime.wasm_externtype_kind(et));
    };
  }

  /** A {@code wasm_tagtype_t*}'s payload signature (the function type is borrowed from it). */
  static TagType tagType(Pointer tt) {
    return new TagType(funcType(Wasmtime.wasm_tagtype_functype(tt)));
  }

  /**
   * A new {@code wasm_valtype_t*} the caller owns (or hands on). Numbers, v128, funcref and
   * externref.
   */
  static Pointer toNative(ValType t) {
    if (t == NumType.I32) {
      return Wasmtime.wasm_valtype_new(Layout.WASM_I32);
    } else if (t == NumType.I64) {
      return Wasmtime.wasm_valtype_new(Layout.WASM_I64);
    } else if (t == NumType.F32) {
      return Wasmtime.wasm_valtype_new(Layout.WASM_F32);
    } else if (t == NumType.F64) {
      return Wasmtime.wasm_valtype_new(Layout.WASM_F64);
    } else if (t == VecType.V128) {
      return Wasmtime.wasmtime_wasm_valtype_v128();
    } else if (RefType.FUNCREF.equals(t)) {
      return Wasmtime.wasm_valtype_new(Layout.WASM_FUNCREF);
    } else if (RefType.EXTERNREF.equals(t)) {
      return Wasmtime.wasm_valtype_new(Layout.WASM_EXTERNREF);
    }
    RefType r = (RefType) t;
    int heap = heapKind(r.heapType().kind());
    if (heap < 0) {
      HeapType.Kind top = r.heapType().top();
      throw new UnsupportedFeatureException(
          top == HeapType.Kind.CONCRETE ? Feature.FUNCTION_REFERENCES : Feature.GC,
          WasmtimeEngineProvider.ID,
          t
              + " in a host-defined type: wasmtime's C API describes a concrete heap type by the"
              + " type itself, not by a module's type index");
    }
    Memory vt = Natives.alloc(Layout.VALTYPE_SIZE);
    vt.setByte(0, Layout.VALTYPE_REF);
    vt.setByte(Layout.VALTYPE_NULLABLE, (byte) (r.nullable() ? 1 : 0));
    vt.setByte(Layout.VALTYPE_HEAP_KIND, (byte) heap);
    return Wasmtime.wasmtime_valtype_to_wasm(null, vt);
  }

  /** wasmtime's heap type kind for an abstract heap type; -1 for a concrete one. */
  private static int heapKind(HeapType.Kind kind) {
    return switch (kind) {
      case EXTERN -> 0;
      case NOEXTERN -> 1;
      case FUNC -> 2;
      case NOFUNC -> 4;
      case ANY -> 5;
      case NONE -> 6;
      case EQ -> 7;
      case I31 -> 8;
      case ARRAY -> 9;
      case STRUCT -> 11;
      case EXN -> 13;
      case NOEXN -> 15;
      case CONCRETE -> -1;
    };
  }

  /** Whether {@code t} names a concrete heap type ({@code (ref $t)}). */
  static boolean hasConcrete(FuncType t) {
    return java.util.stream.Stream.concat(t.params().stream(), t.results().stream())
        .anyMatch(v -> v instanceof RefType r && r.heapType().kind() == HeapType.Kind.CONCRETE);
  }

  /** A new {@code wasm_functype_t*} the caller owns: {@code wasm_functype_delete}. */
  static Pointer toNative(FuncType f) {
    Memory params = vec(f.params());
    Memory results = vec(f.results());
    return Wasmtime.wasm_functype_new(params, results);
  }

  private static Memory vec(List<ValType> types) {
    Pointer[] data = new Pointer[types.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = toNative(types.get(i));
    }
    Memory array = Natives.alloc((long) Math.max(1, data.length) * Native.POINTER_SIZE);
    for (int i = 0; i < data.length; i++) {
      array.setPointer((long) i * Native.POINTER_SIZE, data[i]);
    }
    Memory vec = Natives.alloc(Layout.VEC_SIZE);
    Wasmtime.wasm_valtype_vec_new(vec, data.length, array);
    return vec;
  }
}
