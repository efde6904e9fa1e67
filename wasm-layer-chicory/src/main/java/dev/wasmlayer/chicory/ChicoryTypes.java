package dev.wasmlayer.chicory;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.TableLimits;
import dev.wasmlayer.UnsupportedFeatureException;
import dev.wasmlayer.Value;
import dev.wasmlayer.spi.Feature;
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
    switch (t.opcode()) {
      case com.dylibso.chicory.wasm.types.ValType.ID.I32:
        return NumType.I32;
      case com.dylibso.chicory.wasm.types.ValType.ID.I64:
        return NumType.I64;
      case com.dylibso.chicory.wasm.types.ValType.ID.F32:
        return NumType.F32;
      case com.dylibso.chicory.wasm.types.ValType.ID.F64:
        return NumType.F64;
      case com.dylibso.chicory.wasm.types.ValType.ID.V128:
        return VecType.V128;
      default:
        return new RefType(t.isNullable(), heapType(t.typeIdx()));
    }
  }

  private static HeapType heapType(int typeIdx) {
    if (typeIdx >= 0) {
      return HeapType.concrete(typeIdx);
    }
    for (com.dylibso.chicory.wasm.types.ValType.TypeIdxCode code
        : com.dylibso.chicory.wasm.types.ValType.TypeIdxCode.values()) {
      if (code.code() == typeIdx && code != com.dylibso.chicory.wasm.types.ValType.TypeIdxCode.BOT) {
        return HeapType.of(HeapType.Kind.valueOf(code.name()));
      }
    }
    throw new IllegalStateException("unknown Chicory heap type code " + typeIdx);
  }

  /** Chicory's type for a host signature; only number types until references reach the host API. */
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
      throw new UnsupportedFeatureException(Feature.SIMD, ChicoryEngineProvider.ID, "v128 in a host signature");
    }
    throw new UnsupportedFeatureException(
        Feature.REFERENCE_TYPES, ChicoryEngineProvider.ID, t + " in a host signature");
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
    OptionalLong max = limits.maximumPages() >= MemoryLimits.MAX_PAGES
        ? OptionalLong.empty()
        : OptionalLong.of(limits.maximumPages());
    return new MemoryType(limits.initialPages(), max, AddressType.I32, limits.shared());
  }

  static MemoryLimits toChicory(MemoryType type) {
    if (type.addressType() == AddressType.I64) {
      throw new UnsupportedFeatureException(Feature.MEMORY64, ChicoryEngineProvider.ID, "a 64-bit memory");
    }
    if (type.shared()) {
      throw new UnsupportedFeatureException(Feature.THREADS, ChicoryEngineProvider.ID, "a shared memory");
    }
    int max = (int) Math.min(type.maximum().orElse(MemoryLimits.MAX_PAGES), MemoryLimits.MAX_PAGES);
    if (type.minimum() > MemoryLimits.MAX_PAGES) {
      throw new IllegalArgumentException("a 32-bit memory has at most 65536 pages, asked for " + type.minimum());
    }
    return new MemoryLimits((int) type.minimum(), max, false);
  }

  static TableType fromChicory(com.dylibso.chicory.wasm.types.ValType element, TableLimits limits) {
    OptionalLong max = limits.max() >= TableLimits.LIMIT_MAX ? OptionalLong.empty() : OptionalLong.of(limits.max());
    return new TableType((RefType) fromChicory(element), limits.min(), max, AddressType.I32);
  }

  static GlobalType fromChicory(com.dylibso.chicory.wasm.types.ValType type, MutabilityType mutability) {
    return new GlobalType(fromChicory(type), mutability == MutabilityType.Var);
  }

  /** Reads typed values out of Chicory's slots (v128 takes two; i32 and f32 use the low 32 bits). */
  static Value[] toValues(List<ValType> types, long[] slots) {
    Value[] out = new Value[types.size()];
    int at = 0;
    for (int i = 0; i < out.length; i++) {
      ValType t = types.get(i);
      requireSlotType(t);
      out[i] = Value.fromSlots(t, slots, at);
      at += t.slots();
    }
    return out;
  }

  /** Writes typed values into a new slot array, checking each against its declared type. */
  static long[] toSlots(List<ValType> types, Value[] values, String what) {
    if (values.length != types.size()) {
      throw new IllegalArgumentException(what + " expects " + types.size() + " values, got " + values.length);
    }
    int size = 0;
    for (ValType t : types) {
      size += t.slots();
    }
    long[] slots = new long[size];
    int at = 0;
    for (int i = 0; i < values.length; i++) {
      ValType t = types.get(i);
      Value v = java.util.Objects.requireNonNull(values[i], what + " value " + i);
      if (!v.type().equals(t)) {
        throw new IllegalArgumentException(what + " value " + i + " must be " + t + ", got " + v.type());
      }
      requireSlotType(t);
      at = v.toSlots(slots, at);
    }
    return slots;
  }

  static void requireSlotType(ValType t) {
    if (t instanceof RefType) {
      throw new UnsupportedFeatureException(
          Feature.REFERENCE_TYPES, ChicoryEngineProvider.ID, t + " values at the host boundary");
    }
    if (t == VecType.V128) {
      throw new UnsupportedFeatureException(Feature.SIMD, ChicoryEngineProvider.ID, "v128 values at the host boundary");
    }
  }

  static void requireSlotTypes(FuncType type) {
    type.params().forEach(ChicoryTypes::requireSlotType);
    type.results().forEach(ChicoryTypes::requireSlotType);
  }
}
