package dev.wasmlayer.chicory;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.TableLimits;
import dev.wasmlayer.Feature;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.types.AddressType;
import dev.wasmlayer.types.FuncType;
import dev.wasmlayer.types.GlobalType;
import dev.wasmlayer.types.HeapType;
import dev.wasmlayer.types.MemoryType;
import dev.wasmlayer.types.NumType;
import dev.wasmlayer.types.RefType;
import dev.wasmlayer.types.TableType;
import dev.wasmlayer.types.ValType;
import dev.wasmlayer.types.VecType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Every conversion between wasm-layer types and values and Chicory's, in one place. */
final class ChicoryTypes {
  private ChicoryTypes() {}

  static ValType fromChicory(com.dylibso.chicory.wasm.types.ValType t) {
    return switch (t.opcode()) {
      case com.dylibso.chicory.wasm.types.ValType.ID.I32 -> NumType.I32;
      case com.dylibso.chicory.wasm.types.ValType.ID.I64 -> NumType.I64;
      case com.dylibso.chicory.wasm.types.ValType.ID.F32 -> NumType.F32;
      case com.dylibso.chicory.wasm.types.ValType.ID.F64 -> NumType.F64;
      case com.dylibso.chicory.wasm.types.ValType.ID.V128 -> VecType.V128;
      default -> new RefType(t.isNullable(), heapType(t.typeIdx()));
    };
  }

  private static HeapType heapType(int typeIdx) {
    if (typeIdx >= 0) {
      return HeapType.concrete(typeIdx);
    }
    for (com.dylibso.chicory.wasm.types.ValType.TypeIdxCode code :
        com.dylibso.chicory.wasm.types.ValType.TypeIdxCode.values()) {
      if (code.code() == typeIdx
          && code != com.dylibso.chicory.wasm.types.ValType.TypeIdxCode.BOT) {
        return HeapType.of(HeapType.Kind.valueOf(code.name()));
      }
    }
    throw new IllegalStateException("unknown Chicory heap type code " + typeIdx);
  }

  /** Chicory's type for a host signature or host-created extern: numbers, funcref and externref. */
  static com.dylibso.chicory.wasm.types.ValType toChicory(ValType t) {
    if (t == NumType.I32) {
      return com.dylibso.chicory.wasm.types.ValType.I32;
    } else if (t == NumType.I64) {
      return com.dylibso.chicory.wasm.types.ValType.I64;
    } else if (t == NumType.F32) {
      return com.dylibso.chicory.wasm.types.ValType.F32;
    } else if (t == NumType.F64) {
      return com.dylibso.chicory.wasm.types.ValType.F64;
    } else if (t == VecType.V128) {
      throw new UnsupportedFeatureException(
          Feature.SIMD, ChicoryEngineProvider.ID, "v128 in a host-defined type");
    }
    RefType r = (RefType) t;
    if (r.equals(RefType.FUNCREF)) {
      return com.dylibso.chicory.wasm.types.ValType.FuncRef;
    } else if (r.equals(RefType.EXTERNREF)) {
      return com.dylibso.chicory.wasm.types.ValType.ExternRef;
    }
    Feature missing =
        r.heapType().top() == HeapType.Kind.EXN
            ? Feature.EXCEPTIONS
            : r.heapType().top() == HeapType.Kind.ANY ? Feature.GC : Feature.FUNCTION_REFERENCES;
    throw new UnsupportedFeatureException(
        missing, ChicoryEngineProvider.ID, t + " in a host-defined type");
  }

  static FuncType fromChicory(FunctionType f) {
    return new FuncType(fromChicory(f.params()), fromChicory(f.returns()));
  }

  static FunctionType toChicory(FuncType f) {
    List<com.dylibso.chicory.wasm.types.ValType> params = new ArrayList<>();
    f.params().forEach(p -> params.add(toChicory(p)));
    List<com.dylibso.chicory.wasm.types.ValType> results = new ArrayList<>();
    f.results().forEach(r -> results.add(toChicory(r)));
    return FunctionType.of(params, results);
  }

  private static List<ValType> fromChicory(List<com.dylibso.chicory.wasm.types.ValType> types) {
    List<ValType> out = new ArrayList<>(types.size());
    types.forEach(t -> out.add(fromChicory(t)));
    return out;
  }

  /** Chicory stores an absent maximum as 65536 pages, so that value reads back as unbounded. */
  static MemoryType fromChicory(MemoryLimits limits) {
    OptionalLong max =
        limits.maximumPages() >= MemoryLimits.MAX_PAGES
            ? OptionalLong.empty()
            : OptionalLong.of(limits.maximumPages());
    return new MemoryType(limits.initialPages(), max, AddressType.I32, limits.shared());
  }

  static MemoryLimits toChicory(MemoryType type) {
    if (type.addressType() == AddressType.I64) {
      throw new UnsupportedFeatureException(
          Feature.MEMORY64, ChicoryEngineProvider.ID, "a 64-bit memory");
    }
    if (type.shared()) {
      throw new UnsupportedFeatureException(
          Feature.THREADS, ChicoryEngineProvider.ID, "a shared memory");
    }
    int max = (int) Math.min(type.maximum().orElse(MemoryLimits.MAX_PAGES), MemoryLimits.MAX_PAGES);
    if (type.minimum() > MemoryLimits.MAX_PAGES) {
      throw new IllegalArgumentException(
          "a 32-bit memory has at most 65536 pages, asked for " + type.minimum());
    }
    return new MemoryLimits((int) type.minimum(), max, false);
  }

  static TableType fromChicory(com.dylibso.chicory.wasm.types.ValType element, TableLimits limits) {
    OptionalLong max =
        limits.max() >= TableLimits.LIMIT_MAX
            ? OptionalLong.empty()
            : OptionalLong.of(limits.max());
    return new TableType((RefType) fromChicory(element), limits.min(), max, AddressType.I32);
  }

  static GlobalType fromChicory(
      com.dylibso.chicory.wasm.types.ValType type, MutabilityType mutability) {
    return new GlobalType(fromChicory(type), mutability == MutabilityType.Var);
  }

  /** The raw slot path carries numbers only (and v128, which this backend does not run). */
  static void requireRawSlots(FuncType type, String what) {
    for (List<ValType> list : List.of(type.params(), type.results())) {
      for (ValType t : list) {
        if (t instanceof RefType) {
          throw new IllegalArgumentException(
              what
                  + " has "
                  + t
                  + " in its type; references have no raw slot form, "
                  + "use call(Value...)");
        }
        if (t == VecType.V128) {
          throw new UnsupportedFeatureException(
              Feature.SIMD, ChicoryEngineProvider.ID, "v128 values");
        }
      }
    }
  }
}
